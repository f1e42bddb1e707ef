/**
 * Study `block-path`: the path between blocks, LayerNorm or none, and RMS, max or average pooling.
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

/** The study. */
export const BLOCK_PATH: StudyPlan = {
  name: "block-path",
  question: "Does the path between blocks need its LayerNorm, and is RMS pooling better than max or average?",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "rms+layernorm", overrides: {} },
    { name: "no-norm", overrides: { encoding: { pathNorm: "none" } } },
    { name: "max-pool", overrides: { encoding: { pool: "max" } } },
    { name: "avg-pool", overrides: { encoding: { pool: "avg" } } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
