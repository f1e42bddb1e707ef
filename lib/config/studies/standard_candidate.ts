/**
 * Study `standard-candidate`: the plan tried as a `standard` preset (a CPU workstation's, at most 2 hours on 2
 * cores, meant to beat quick). Quick's round-3 plan with 128 and 256 channels in blocks 2 and 3, crops and
 * flips, and 40 epochs: augmentation, which cost accuracy at 10-14 epochs (studies regularization and
 * quick-full), given the epochs and the capacity where it is meant to pay. It reached 90.19 %, below quick's
 * 91.11 %, so no standard preset was kept (docs/ablations.md). The reference cell is quick's plan at the same
 * 40 epochs.
 * @module
 */
import type { StudyPlan } from "../study_plan.ts";
import { QUICK_B1_P4, QUICK_ROUND_3_BASE } from "./quick_screen.ts";

/** The study. */
export const STANDARD_CANDIDATE: StudyPlan = {
  name: "standard-candidate",
  question: "Does a wider quick plan with crops and flips for 40 epochs beat quick, for a standard preset?",
  preset: "quick",
  base: QUICK_ROUND_3_BASE,
  cells: [
    { name: "quick-plan", overrides: {} },
    {
      name: "wide+crop2+flip",
      overrides: {
        blocks: [QUICK_B1_P4[0], { channels: 128, kernelSize: 3, pool: 2 }, {
          channels: 256,
          kernelSize: 3,
          pool: 1,
        }],
        augment: { cropPadding: 2, horizontalFlip: true },
      },
    },
  ],
  seeds: 3,
  budget: { epochs: 40, limit: 0 },
};
