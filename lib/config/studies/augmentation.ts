/**
 * Study `augmentation`: random crop with padding and horizontal flips on Fashion-MNIST (flips suit clothes, not
 * digits, so no MNIST cell flips).
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

/** The study. */
export const AUGMENTATION: StudyPlan = {
  name: "augmentation",
  question:
    "Do random crops (2 pixels of padding) and horizontal flips help on Fashion-MNIST at this budget?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "none", overrides: {} },
    { name: "crop2", overrides: { augment: { cropPadding: 2 } } },
    { name: "flip", overrides: { augment: { horizontalFlip: true } } },
    { name: "crop2+flip", overrides: { augment: { cropPadding: 2, horizontalFlip: true } } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
