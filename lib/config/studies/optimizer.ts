/**
 * Study `optimizer`: Adam against AdamW with weight decay, cosine against step and constant schedules,
 * warm-up. Weight decay is decoupled and scaled by the learning rate, as in AdamW.
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

/** The study. */
export const OPTIMIZER: StudyPlan = {
  name: "optimizer",
  question: "Adam or AdamW (decoupled weight decay), cosine or step or constant rate, warm-up or none?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "adam-cosine", overrides: {} },
    { name: "adamw1e-2", overrides: { optimizer: { weightDecay: 1e-2 } } },
    { name: "adamw5e-2", overrides: { optimizer: { weightDecay: 5e-2 } } },
    { name: "step", overrides: { optimizer: { schedule: "step", stepEpochs: 1, stepGamma: 0.3 } } },
    { name: "constant", overrides: { optimizer: { schedule: "constant" } } },
    { name: "warmup0.5", overrides: { optimizer: { warmupEpochs: 0.5 } } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
