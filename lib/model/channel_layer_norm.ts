/**
 * LayerNorm over channels, per pixel: strips the magnitude so the next block cannot read this block's goodness.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/**
 * Normalises every pixel's channel vector to zero mean and unit variance: `(x - mean_c) / sqrt(var_c + eps)`.
 *
 * ASGE.md puts the stop-gradient after this LayerNorm, so no local loss reaches its gain and bias: they keep
 * their initial values gamma = 1, beta = 0, and the affine step is omitted rather than carried as dead weights.
 *
 * @param x Input, shape [B, H, W, C] (NHWC).
 * @param epsilon Variance floor (ASGE.md: 1e-5).
 * @returns Normalised map, same shape.
 * @example Each pixel ends with zero mean over its channels
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { useBackend } from "../backend/backends.ts";
 * import { channelLayerNorm } from "./channel_layer_norm.ts";
 * await useBackend("cpu");
 * const y = channelLayerNorm(tf.tensor4d([1, 2, 3, 4], [1, 1, 1, 4]));
 * assert.ok(Math.abs(y.sum().dataSync()[0]) < 1e-5);
 * // and unit variance: the mean of squares is 1
 * assert.ok(Math.abs(y.square().mean().dataSync()[0] - 1) < 1e-3);
 * ```
 */
export function channelLayerNorm(x: tf.Tensor4D, epsilon = 1e-5): tf.Tensor4D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 3, true);
    return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon))) as tf.Tensor4D;
  });
}
