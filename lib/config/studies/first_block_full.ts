/**
 * Study `first-block-full`: block 1 at the full budget. Block 1 (one 5x5 conv on the pixels) stays near 84 % at
 * 10 epochs on every image (study regularization); a 7x7 kernel lifted it by 1.9 points at 5 epochs (study
 * quick-screen, cell b1-k7p4). Does that hold at 10 epochs, and what does the last block make of it?
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { QUICK_B1_K7P4, QUICK_ROUND_3_BASE } from "./quick_screen.ts";

/** The study. */
export const FIRST_BLOCK_FULL: StudyPlan = {
  name: "first-block-full",
  question:
    "At 10 epochs on every image, does a 7x7 first-block kernel lift block 1 past 85 % and keep the rest?",
  preset: "quick",
  base: QUICK_ROUND_3_BASE,
  cells: [
    { name: "k5p4", overrides: {} },
    { name: "k7p4", overrides: { blocks: QUICK_B1_K7P4 } },
  ],
  seeds: 3,
  budget: { epochs: 10, limit: 0 },
};
