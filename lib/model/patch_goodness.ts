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
 * @param y Feature map Y_l, shape [B, H, W, C] (NHWC); H and W must be multiples of `partition`.
 * @param partition P_l, the grid size.
 * @param reduction `"sum"` (default) or `"mean"` of squares over a patch (config `encoding.goodnessReduction`).
 * @returns Goodness, shape [B, P * P * C].
 * @example Energy of a hand-made map
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { patchGoodness } from "./patch_goodness.ts";
 * await tf.setBackend("cpu");
 * const y = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
 * console.log(patchGoodness(y, 2, "sum").arraySync()); // [[4, 4, 4, 4]]
 * ```
 */
export function patchGoodness(y: tf.Tensor4D, partition: number, reduction: GoodnessReduction): tf.Tensor2D {
  const [batch, height, width, channels] = y.shape;
  if (height % partition !== 0 || width % partition !== 0) {
    throw new RangeError(`patchGoodness: partition ${partition} does not divide the ${height}x${width} map`);
  }
  return tf.tidy(() => {
    const energy = tf.square(y);
    const patchH = height / partition;
    const patchW = width / partition;
    const perPatch = partition === 1
      ? tf.sum(energy, [1, 2])
      : tf.sum(tf.reshape(energy, [batch, partition, patchH, partition, patchW, channels]), [2, 4]);
    const reduced = reduction === "mean" ? tf.div(perPatch, patchH * patchW) : perPatch;
    return tf.reshape(reduced, [batch, partition * partition * channels]) as tf.Tensor2D;
  });
}
