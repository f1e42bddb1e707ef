/**
 * Patch energies by average pooling: the fast way to read spatial goodness from a non-negative feature map.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { GoodnessReduction } from "../config/run_config.ts";

/**
 * Goodness g_l of a feature map: for channel c and patch (i, j) of a P x P grid, the sum (or mean, r) of Y^2 over
 * the patch, flattened in (i, j, c) order. Same values as {@linkcode patchGoodness}, computed with one average
 * pool instead of a reshape and a sum over two inner axes (which costs a transpose on wasm).
 *
 * @param y Feature map, [B, H, W, C] (NHWC); H and W multiples of `partition`.
 * @param partition P_l.
 * @param reduction `"sum"` or `"mean"` of squares over a patch.
 * @returns Goodness [B, P * P * C].
 * @example Agrees with patchGoodness
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { patchEnergy } from "./patch_energy.ts";
 * import { patchGoodness } from "./patch_goodness.ts";
 * await tf.setBackend("cpu");
 * const y = tf.relu(tf.randomNormal([2, 4, 4, 3])) as tf.Tensor4D;
 * console.log(tf.max(tf.abs(tf.sub(patchEnergy(y, 2, "sum"), patchGoodness(y, 2, "sum")))).dataSync()[0] < 1e-4);
 * ```
 */
export function patchEnergy(y: tf.Tensor4D, partition: number, reduction: GoodnessReduction): tf.Tensor2D {
  const [batch, height, width, channels] = y.shape;
  if (height % partition !== 0 || width % partition !== 0) {
    throw new RangeError(`patchEnergy: partition ${partition} does not divide the ${height}x${width} map`);
  }
  return tf.tidy(() => {
    const patchH = height / partition;
    const patchW = width / partition;
    const mean = tf.avgPool(tf.square(y), [patchH, patchW], [patchH, patchW], "valid");
    const reduced = reduction === "sum" ? tf.mul(mean, patchH * patchW) : mean;
    return tf.reshape(reduced, [batch, partition * partition * channels]);
  });
}
