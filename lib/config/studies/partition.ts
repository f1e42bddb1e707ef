/**
 * Study `partition`: the first block reads its goodness on a 4 x 4 grid of 7 x 7 patches (P = 4 at alpha 1).
 * Does a finer grid (more spatial detail for its frozen projection to read) lift it, alone or with alpha for
 * every block?
 * @module
 */
import type { BlockPlan } from "../run_config.ts";
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

const block = (channels: number, pool: number, partition?: number): BlockPlan => ({
  channels,
  kernelSize: 3,
  pool,
  ...(partition ? { partition } : {}),
});

/** The study. */
export const PARTITION: StudyPlan = {
  name: "partition",
  question:
    "Which partition factor suits the first block (P = 2, 4, 7, 14), and which alpha suits all blocks?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "alpha1", overrides: {} },
    { name: "p1-2", overrides: { blocks: [block(32, 2, 2), block(64, 2), block(128, 1)] } },
    { name: "p1-7", overrides: { blocks: [block(32, 2, 7), block(64, 2), block(128, 1)] } },
    { name: "p1-14", overrides: { blocks: [block(32, 2, 14), block(64, 2), block(128, 1)] } },
    { name: "alpha0.5", overrides: { encoding: { alpha: 0.5 } } },
    { name: "alpha2", overrides: { encoding: { alpha: 2 } } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
