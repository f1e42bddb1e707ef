/**
 * Study `projection-scale`: the standard deviation of the frozen projection sets the logits' scale, the
 * softmax temperature of every local loss. The first block's loss falls slowly at small budgets; does a
 * larger scale speed it up?
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

/** The study. */
export const PROJECTION_SCALE: StudyPlan = {
  name: "projection-scale",
  question: "Which scale of the frozen projection (softmax temperature of the local losses) trains best?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "scale1", overrides: {} },
    { name: "scale0.5", overrides: { encoding: { projectionScale: 0.5 } } },
    { name: "scale2", overrides: { encoding: { projectionScale: 2 } } },
    { name: "scale4", overrides: { encoding: { projectionScale: 4 } } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
