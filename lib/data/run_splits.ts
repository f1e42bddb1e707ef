/**
 * The images a run uses: the training split (cut to `limit`), the validation indices held out of it, and the
 * test split (cut to `limit / 6`). Training and later evaluation of a saved run derive them the same way.
 * @module
 */
import type { DatasetSplits, LabeledImages } from "../config/labeled_images.ts";
import type { RunConfig } from "../config/run_config.ts";
import { limitImages } from "./limit_images.ts";
import { splitValidation, type TrainValidationIndices } from "./validation_split.ts";

/** What {@linkcode runSplits} returns. */
export interface RunSplits {
  /** Training images (the first `limit` when the config sets one). */
  readonly train: LabeledImages;
  /** Indices of `train` to train on and to hold out for validation. */
  readonly split: TrainValidationIndices;
  /** Test images (the first `ceil(limit / 6)` when the config sets a limit). */
  readonly test: LabeledImages;
}

/**
 * Test images a run with `limit` uses: `ceil(limit / 6)` (the test/train ratio of MNIST), all when 0.
 *
 * @param limit Config `limit`.
 * @returns The test limit, 0 for all.
 * @example A sixth of the training limit
 * ```ts
 * import assert from "node:assert/strict";
 * import { testLimit } from "./run_splits.ts";
 * assert.equal(testLimit(600), 100);
 * ```
 */
export function testLimit(limit: number): number {
  return limit ? Math.ceil(limit / 6) : 0;
}

/**
 * Derives the run's training, validation and test images from its config.
 *
 * @param config The run's config (`limit`, `validationFraction`, `seed`).
 * @param data The loaded dataset.
 * @returns The images and indices the run uses.
 */
export function runSplits(
  config: Pick<RunConfig, "limit" | "validationFraction" | "seed">,
  data: DatasetSplits,
): RunSplits {
  const train = limitImages(data.train, config.limit);
  return {
    train,
    split: splitValidation(train.count, config.validationFraction, config.seed),
    test: limitImages(data.test, testLimit(config.limit)),
  };
}
