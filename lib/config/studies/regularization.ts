/**
 * Study `regularization`: the quick plan's last block fits its training images far better than the test images
 * (96 against 90 % at 14 epochs, study quick-full) and 9 more epochs after the fifth add half a point (study
 * quick-screen). Which regulariser lets it use the full budget: label smoothing, input dropout, decoupled weight
 * decay strong enough to act at this budget, or flips?
 * @module
 */
import type { BlockPlan } from "../run_config.ts";
import type { StudyPlan } from "../study_plan.ts";
import { QUICK_ROUND_2_BLOCKS } from "./quick_screen.ts";

/** Quick's plan with study quick-screen's finer grid for block 1 (P = 4: 7 x 7 patches). */
export const QUICK_B1_P4: readonly BlockPlan[] = [
  { ...QUICK_ROUND_2_BLOCKS[0], partition: 4 },
  ...QUICK_ROUND_2_BLOCKS.slice(1),
];

/** The study. */
export const REGULARIZATION: StudyPlan = {
  name: "regularization",
  question:
    "At 10 epochs on every image, does label smoothing, input dropout, strong weight decay or flipping help quick?",
  preset: "quick",
  base: { dataset: "fashion-mnist", blocks: QUICK_B1_P4, optimizer: { learningRate: 1e-2 } },
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
