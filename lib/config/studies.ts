/**
 * Studies are data: one table of named ablation studies, one file each under `studies/`. The cells of a study
 * change the base preset one switch at a time; `docs/ablations.md` holds their tables and answers.
 * @module
 */
import { AUGMENTATION } from "./studies/augmentation.ts";
import { BACKPROP } from "./studies/backprop.ts";
import { BACKPROP_FULL } from "./studies/backprop_full.ts";
import { BLOCK_DEPTH } from "./studies/block_depth.ts";
import { BLOCK_PATH } from "./studies/block_path.ts";
import { ENCODING } from "./studies/encoding.ts";
import { FIRST_BLOCK } from "./studies/first_block.ts";
import { FIRST_BLOCK_FULL } from "./studies/first_block_full.ts";
import { INPUT_NORMALIZATION } from "./studies/input_normalization.ts";
import { LAST_BLOCK } from "./studies/last_block.ts";
import { OPTIMIZER } from "./studies/optimizer.ts";
import { PARTITION } from "./studies/partition.ts";
import { PROJECTION_SCALE } from "./studies/projection_scale.ts";
import { QUICK_FULL } from "./studies/quick_full.ts";
import { QUICK_SCREEN } from "./studies/quick_screen.ts";
import { RATE_FULL } from "./studies/rate_full.ts";
import { REGULARIZATION } from "./studies/regularization.ts";
import { SCHEDULE } from "./studies/schedule.ts";
import { STANDARD_CANDIDATE } from "./studies/standard_candidate.ts";
import type { StudyPlan } from "./study_plan.ts";

/** Every study by name, in the order they are worth running. */
export const STUDIES: Readonly<Record<string, StudyPlan>> = Object.fromEntries(
  [
    FIRST_BLOCK,
    PARTITION,
    LAST_BLOCK,
    PROJECTION_SCALE,
    SCHEDULE,
    BACKPROP,
    AUGMENTATION,
    INPUT_NORMALIZATION,
    BLOCK_PATH,
    OPTIMIZER,
    ENCODING,
    QUICK_FULL,
    QUICK_SCREEN,
    REGULARIZATION,
    RATE_FULL,
    FIRST_BLOCK_FULL,
    BACKPROP_FULL,
    STANDARD_CANDIDATE,
    BLOCK_DEPTH,
  ]
    .map((s) => [s.name, s]),
);

/** Names of the studies, for usage messages. */
export const STUDY_NAMES: readonly string[] = Object.keys(STUDIES);
