/**
 * Study `regularization`: the quick plan's last block fits its training images far better than the test images
 * (96 against 90 % at 14 epochs, study quick-full) and 9 more epochs after the fifth add half a point (study
 * quick-screen). Which regulariser lets it use the full budget: label smoothing, input dropout, decoupled weight
 * decay strong enough to act at this budget, or flips?
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { QUICK_ROUND_3_BASE } from "./quick_screen.ts";

/** The study. */
export const REGULARIZATION: StudyPlan = {
  name: "regularization",
  question:
    "At 10 epochs on every image, does label smoothing, input dropout, strong weight decay or flipping help quick?",
  preset: "quick",
  base: QUICK_ROUND_3_BASE,
  cells: [
    { name: "none", overrides: {} },
    { name: "smooth0.1", overrides: { encoding: { labelSmoothing: 0.1 } } },
    { name: "dropout0.1", overrides: { encoding: { dropout: 0.1 } } },
    // Decoupled: each step shrinks the weights by lr * 0.05, e^-2 over 10 cosine epochs at lr 1e-2.
    { name: "decay0.05", overrides: { optimizer: { weightDecay: 0.05 } } },
    { name: "flip", overrides: { augment: { horizontalFlip: true } } },
  ],
  seeds: 3,
  budget: { epochs: 10, limit: 0 },
};
