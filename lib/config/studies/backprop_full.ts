/**
 * Study `backprop-full`: ASGE against backpropagation on every image. Study backprop compared them on 4,583
 * and 18,333 images (2 and 3 epochs), where the gap grew with the budget; this compares the quick plan of round 3
 * at 5 epochs on all 55,000.
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { QUICK_ROUND_3_BASE } from "./quick_screen.ts";

/** The study. */
export const BACKPROP_FULL: StudyPlan = {
  name: "backprop-full",
  question: "At 5 epochs on every image, how far is ASGE from backpropagation on the same blocks?",
  preset: "quick",
  base: QUICK_ROUND_3_BASE,
  cells: [
    { name: "local", overrides: {} },
    { name: "backprop", overrides: { training: "backprop" } },
  ],
  seeds: 3,
  budget: { epochs: 5, limit: 0 },
};
