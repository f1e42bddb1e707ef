/**
 * Spatial goodness: the energy of every channel in every patch of a P x P grid.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { GoodnessReduction } from "../config/run_config.ts";

/**
 * Computes the goodness vector g_l of ASGE: for channel c and patch (i, j) of a P x P grid,
 * `g[c,i,j] = sum (or mean, r) of Y^2 over the patch`, flattened in (i, j, c) order.
 *
 * One average pool with the patch as its window reads every patch at once; a reshape to
 * [B, P, H/P, P, W/P, C] and a sum over the two inner axes would give the same values but costs a transpose
 * on wasm. `tests/model/patch_goodness_test.ts` checks it against a plain loop over the pixels.
 *
 * @param y Feature map Y_l, shape [B, H, W, C] (NHWC); H and W must be multiples of `partition`.
 * @param partition P_l, the grid size.
 * @param reduction `"sum"` or `"mean"` of squares over a patch (config `encoding.goodnessReduction`).
 * @returns Goodness, shape [B, P * P * C].
 * @throws {RangeError} When `partition` does not divide the map's height and width.
 * @example Energy of a hand-made map
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { useBackend } from "../backend/backends.ts";
 * import { patchGoodness } from "./patch_goodness.ts";
 * await useBackend("cpu");
 * // one channel, 4x4, a 2 in the top-left patch and 1 elsewhere
 * const y = tf.tensor4d([2, 2, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [1, 4, 4, 1]);
 * assert.deepEqual(patchGoodness(y, 2, "sum").arraySync(), [[16, 4, 4, 4]]);
 * assert.deepEqual(patchGoodness(y, 2, "mean").arraySync(), [[4, 1, 1, 1]]);
 * ```
 */
export function patchGoodness(y: tf.Tensor4D, partition: number, reduction: GoodnessReduction): tf.Tensor2D {
  const [batch, height, width, channels] = y.shape;
  if (!Number.isInteger(partition) || partition < 1 || height % partition !== 0 || width % partition !== 0) {
    throw new RangeError(
      `patchGoodness: partition ${partition} does not divide the ${height}x${width} map; ` +
        `use a positive divisor of both sides`,
    );
  }
  return tf.tidy(() => {
    const patchH = height / partition;
    const patchW = width / partition;
    const mean = tf.avgPool(tf.square(y), [patchH, patchW], [patchH, patchW], "valid");
    const reduced = reduction === "sum" ? tf.mul(mean, patchH * patchW) : mean;
    return tf.reshape(reduced, [batch, partition * partition * channels]);
  });
}
