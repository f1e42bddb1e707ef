/**
 * Study `input-normalization`: per-dataset against per-image normalisation of the pixels.
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

/** The study. */
export const INPUT_NORMALIZATION: StudyPlan = {
  name: "input-normalization",
  question: "Normalise pixels with the dataset's mean and deviation, or every image by its own?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "per-dataset", overrides: {} },
    { name: "per-image", overrides: { inputNormalization: "image" } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
