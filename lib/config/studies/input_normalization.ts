/**
 * Study `input-normalization`: per-dataset against per-image normalisation of the pixels.
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";

/** The study. */
export const INPUT_NORMALIZATION: StudyPlan = {
  name: "input-normalization",
  question: "Normalise pixels with the dataset's mean and deviation, or every image by its own?",
  preset: "quick",
  base: { dataset: "fashion-mnist" },
  cells: [
    { name: "per-dataset", overrides: {} },
    { name: "per-image", overrides: { inputNormalization: "image" } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
