/**
 * RMS pooling: the pooling on the path between blocks that keeps a window's energy.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/**
 * RMS pool `y = sqrt(mean over the s x s window of x^2 + eps)`, stride s, no padding.
 *
 * @param x Input, shape [B, H, W, C] (NHWC).
 * @param size Window and stride s; 1 returns `x` unchanged.
 * @param epsilon Added under the root so its gradient stays finite (default 1e-6).
 * @returns Pooled map, shape [B, floor(H / s), floor(W / s), C].
 * @example Pool a 2x2 map
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { useBackend } from "../backend/backends.ts";
 * import { rmsPool } from "./rms_pool.ts";
 * await useBackend("cpu");
 * const y = rmsPool(tf.tensor4d([3, 0, 0, 4], [1, 2, 2, 1]), 2, 0);
 * assert.deepEqual(y.shape, [1, 1, 1, 1]);
 * assert.equal(y.dataSync()[0], 2.5); // sqrt((9 + 16) / 4)
 * ```
 */
export function rmsPool(x: tf.Tensor4D, size: number, epsilon = 1e-6): tf.Tensor4D {
  if (size === 1) return x;
  return tf.tidy(() => tf.sqrt(tf.add(tf.avgPool(tf.square(x), size, size, "valid"), epsilon)));
}
