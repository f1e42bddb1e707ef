/**
 * Study `first-block`: the quick preset's first block (1 -> 32 channels, 3x3, P = 4) stays near 73 % on
 * Fashion-MNIST, below a linear classifier on raw pixels. Does width, kernel size or a second convolution
 * before the first pool lift it, and the blocks after it?
 * @module
 */
import type { BlockPlan } from "../run_config.ts";
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

const block = (channels: number, pool: number, kernelSize = 3): BlockPlan => ({ channels, kernelSize, pool });

/** The study. */
export const FIRST_BLOCK: StudyPlan = {
  name: "first-block",
  question:
    "Which first block (width 32/64/128, kernel 3/5, two convolutions before the first pool) trains " +
    "best, and does it lift the later blocks?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "w32k3", overrides: {} },
    { name: "w64k3", overrides: { blocks: [block(64, 2), block(64, 2), block(128, 1)] } },
    { name: "w128k3", overrides: { blocks: [block(128, 2), block(64, 2), block(128, 1)] } },
    { name: "w32k5", overrides: { blocks: [block(32, 2, 5), block(64, 2), block(128, 1)] } },
    { name: "w64k5", overrides: { blocks: [block(64, 2, 5), block(64, 2), block(128, 1)] } },
    { name: "two-convs", overrides: { blocks: [block(32, 1), block(32, 2), block(64, 2), block(128, 1)] } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
