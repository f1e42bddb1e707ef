/**
 * The validation split held out of the training set for model selection (never the test set).
 * @module
 */
import { SeededRandom } from "../util/seeded_random.ts";

/** Indices of the training and validation parts of a training set. */
export interface TrainValidationIndices {
  /** Images to train on. */
  readonly train: Int32Array;
  /** Images held out for validation. */
  readonly validation: Int32Array;
}

/**
 * Splits `count` training images at random (seeded) into train and validation parts.
 *
 * @param count Images in the training set.
 * @param fraction Fraction held out, in [0, 1).
 * @param seed Seed; the same seed gives the same split.
 * @returns Sorted index lists.
 * @example One in ten held out
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitValidation } from "./validation_split.ts";
 * const split = splitValidation(100, 0.1, 1);
 * assert.equal(split.train.length, 90);
 * assert.equal(split.validation.length, 10);
 * // every image lands in exactly one of the two
 * assert.equal(new Set([...split.train, ...split.validation]).size, 100);
 * ```
 */
export function splitValidation(count: number, fraction: number, seed: number): TrainValidationIndices {
  const order = new SeededRandom(seed ^ 0x5f3759df).shuffle(Int32Array.from({ length: count }, (_, i) => i));
  const held = Math.round(count * fraction);
  return { train: order.slice(held).sort(), validation: order.slice(0, held).sort() };
}
