/**
 * Study `quick-full`: the quick preset at its full budget (14 epochs, every image). The small-budget studies
 * picked its first block, rate and last-block grid; this checks the grid where training runs long enough to
 * overfit: the last block at P = 1 (quick now) against P = 7, and either with random crops and flips.
 * @module
 */
import type { BlockPlan } from "../run_config.ts";
import type { StudyPlan } from "../study_plan.ts";
import { QUICK_B1_P4, QUICK_ROUND_2_BLOCKS } from "./quick_screen.ts";

const P7: BlockPlan[] = [
  { channels: 64, kernelSize: 5, pool: 2 },
  { channels: 64, kernelSize: 3, pool: 2 },
  { channels: 128, kernelSize: 3, pool: 1, partition: 7 },
];

/** The study. */
export const QUICK_FULL: StudyPlan = {
  name: "quick-full",
  question:
    "At the full budget, does the last block's P = 7 still win, and do crop and flip help either grid?",
  preset: "quick",
  // Pinned to quick as it was when this ran, so the table reproduces after quick changes.
  base: { dataset: "fashion-mnist", blocks: QUICK_ROUND_2_BLOCKS, optimizer: { learningRate: 1e-2 } },
  cells: [
    { name: "last-p1", overrides: {} },
    { name: "last-p1+crop2+flip", overrides: { augment: { cropPadding: 2, horizontalFlip: true } } },
    { name: "last-p7", overrides: { blocks: P7 } },
    {
      name: "last-p7+crop2+flip",
      overrides: { blocks: P7, augment: { cropPadding: 2, horizontalFlip: true } },
    },
    // Study quick-screen's finer grid for block 1, at the full budget (10 epochs of it reached 91.1 %).
    { name: "b1-p4", overrides: { blocks: QUICK_B1_P4 } },
  ],
  seeds: 3,
  budget: { epochs: 14, limit: 0 },
};
