/**
 * Study `block-depth`: greedy layer-wise learning is known to gain when each locally trained stage holds more
 * than one layer. Does a block of two convolutions (`convs: 2`, r), trained together through the block's own
 * loss and still cut off from the other blocks, lift the quick plan, and in which blocks?
 * @module
 */
import type { BlockPlan } from "../run_config.ts";
import type { StudyPlan } from "../study_plan.ts";
import { QUICK_B1_P4, QUICK_ROUND_3_BASE } from "./quick_screen.ts";

const [B1, B2, B3] = QUICK_B1_P4;

/** QUICK_B1_P4 with the last block of two convs. */
const B3_X2: readonly BlockPlan[] = [B1, B2, { ...B3, convs: 2 }];
/** QUICK_B1_P4 with blocks 2 and 3 of two convs. */
const B23_X2: readonly BlockPlan[] = [B1, { ...B2, convs: 2 }, { ...B3, convs: 2 }];
/** QUICK_B1_P4 with every block of two convs. */
const B123_X2: readonly BlockPlan[] = [{ ...B1, convs: 2 }, { ...B2, convs: 2 }, { ...B3, convs: 2 }];

/** The study. */
export const BLOCK_DEPTH: StudyPlan = {
  name: "block-depth",
  question:
    "Does a block of two convolutions (trained together through the block's own loss) lift the quick plan?",
  preset: "quick",
  base: QUICK_ROUND_3_BASE,
  cells: [
    { name: "one-conv", overrides: {} },
    { name: "b3x2", overrides: { blocks: B3_X2 } },
    { name: "b23x2", overrides: { blocks: B23_X2 } },
    { name: "b123x2", overrides: { blocks: B123_X2 } },
  ],
  seeds: 3,
  budget: { epochs: 5, limit: 0 },
};
