/**
 * Study `schedule`: learning rate, batch size and epochs of the quick preset.
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

/** The study. */
export const SCHEDULE: StudyPlan = {
  name: "schedule",
  question: "Which learning rate, batch size and number of epochs train the quick plan best for the budget?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "lr3e-3", overrides: {} },
    { name: "lr1e-3", overrides: { optimizer: { learningRate: 1e-3 } } },
    { name: "lr1e-2", overrides: { optimizer: { learningRate: 1e-2 } } },
    { name: "batch32", overrides: { batchSize: 32 } },
    { name: "batch128", overrides: { batchSize: 128 } },
    { name: "epochs4", overrides: { epochs: 4 } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
