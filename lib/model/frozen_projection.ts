/**
 * The frozen random projection W_l, b_l from goodness to class logits.
 * @module
 */
import type { SeededRandom } from "../util/seeded_random.ts";

/** Values of a frozen projection, row-major W of shape [N, D] and b of length N. */
export interface ProjectionValues {
  /** W_l, N x D row-major. */
  readonly weights: Float32Array;
  /** b_l, length N (zeros, r). */
  readonly bias: Float32Array;
}

/**
 * Draws the frozen projection of one block (r): `W ~ Normal(0, scale^2 / D)`, `b = 0`. It is drawn once from the
 * seeded generator and never trained; it is what decouples the number of classes N from the channels.
 *
 * @param goodnessLength D = C_l * P_l^2.
 * @param numClasses N.
 * @param scale Multiplies the standard deviation 1 / sqrt(D) (config `encoding.projectionScale`).
 * @param random Seeded generator.
 * @param centering Subtract each row's mean (config `encoding.projectionCentering`, r).
 * @returns W (N x D) and b (N).
 * @example Same seed, same projection
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawProjection } from "./frozen_projection.ts";
 * import { SeededRandom } from "../util/seeded_random.ts";
 * const a = drawProjection(8, 3, 1, new SeededRandom(1));
 * const b = drawProjection(8, 3, 1, new SeededRandom(1));
 * assert.deepEqual(a, b);
 * assert.notDeepEqual(drawProjection(8, 3, 1, new SeededRandom(2)).weights, a.weights);
 * ```
 */
export function drawProjection(
  goodnessLength: number,
  numClasses: number,
  scale: number,
  random: SeededRandom,
  centering = false,
): ProjectionValues {
  const std = scale / Math.sqrt(goodnessLength);
  const weights = new Float32Array(numClasses * goodnessLength);
  for (let i = 0; i < weights.length; i++) weights[i] = random.nextNormal() * std;
  if (centering) {
    for (let n = 0; n < numClasses; n++) {
      const row = weights.subarray(n * goodnessLength, (n + 1) * goodnessLength);
      const mean = row.reduce((s, v) => s + v, 0) / goodnessLength;
      for (let i = 0; i < row.length; i++) row[i] -= mean;
    }
  }
  return { weights, bias: new Float32Array(numClasses) };
}
