/**
 * Study `last-block`: Best and Last are the last block's accuracy, and a wider first block lifts blocks 1 and 2
 * but not block 3 (study first-block, round 2). Is the last block limited by its width, by its P = 1 (one
 * goodness per channel), or by the depth before it?
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
export const LAST_BLOCK: StudyPlan = {
  name: "last-block",
  question:
    "Does the last block gain from a finer grid (P = 7 on its 7 x 7 map), more channels (256), or a " +
    "fourth block?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "c128p1", overrides: {} },
    { name: "c128p7", overrides: { blocks: [block(32, 2), block(64, 2), block(128, 1, 7)] } },
    { name: "c256p1", overrides: { blocks: [block(32, 2), block(64, 2), block(256, 1)] } },
    {
      name: "four-blocks",
      overrides: { blocks: [block(32, 2), block(64, 2), block(128, 1), block(128, 1)] },
    },
  ],
  seeds: 3,
  budget: { epochs: 3, limit: 20000 },
};
