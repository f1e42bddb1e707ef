/**
 * Study `rate-full`: the peak rate at the full budget. Study schedule chose 1e-2 on 18,333 images and 3 epochs;
 * at 10 epochs on every image the last block overfits while block 1 still underfits (study regularization), so
 * the best rate may move either way.
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { QUICK_ROUND_3_BASE } from "./quick_screen.ts";

/** The study. */
export const RATE_FULL: StudyPlan = {
  name: "rate-full",
  question: "At 10 epochs on every image, which peak learning rate suits the quick plan: 5e-3, 1e-2 or 2e-2?",
  preset: "quick",
  base: QUICK_ROUND_3_BASE,
  cells: [
    { name: "lr1e-2", overrides: {} },
    { name: "lr5e-3", overrides: { optimizer: { learningRate: 5e-3 } } },
    { name: "lr2e-2", overrides: { optimizer: { learningRate: 2e-2 } } },
  ],
  seeds: 3,
  budget: { epochs: 10, limit: 0 },
};
