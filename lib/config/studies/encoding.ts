/**
 * Study `encoding`: the method's reconstructed (r) switches of the goodness encoding, one at a time from the
 * quick preset's encoding (mean of squares, centred projection, alpha 1, read before pooling, softmax fusion).
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { STUDY_BASE } from "./study_base.ts";

/** The study. */
export const ENCODING: StudyPlan = {
  name: "encoding",
  question: "Which goodness reduction, site, alpha 0, projection centring, and fusion rule work best? " +
    "(alpha 0.5 and 2: study partition; scale: study projection-scale.)",
  preset: "quick",
  base: STUDY_BASE,
  cells: [
    { name: "reference", overrides: {} },
    { name: "sum", overrides: { encoding: { goodnessReduction: "sum" } } },
    { name: "post", overrides: { encoding: { goodnessSite: "post" } } },
    { name: "alpha0", overrides: { encoding: { alpha: 0 } } },
    { name: "uncentred", overrides: { encoding: { projectionCentering: false } } },
    { name: "fusion-logits", overrides: { encoding: { fusion: "logits" } } },
    { name: "fusion-weighted", overrides: { encoding: { fusion: "weighted" } } },
  ],
  seeds: 3,
  budget: { epochs: 2, limit: 5000 },
};
