/**
 * Study `backprop`: ASGE's local learning against the same blocks trained end to end by backpropagation
 * through a learned linear head on the last block (same plan, data pipeline, optimizer settings).
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

/** The study. */
export const BACKPROP: StudyPlan = {
  name: "backprop",
  question: "How far is ASGE from backpropagation on the same blocks, budget and optimizer?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "local", overrides: {} },
    { name: "backprop", overrides: { training: "backprop" } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
