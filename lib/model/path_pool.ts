/**
 * The pooling on the path between blocks, by kind (r, config `encoding.pool`): RMS (ASGE.md's choice), max or
 * average.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { PoolKind } from "../config/run_config.ts";
import { rmsPool } from "./rms_pool.ts";

/**
 * Pools `x` with an s x s window and stride s, no padding.
 *
 * @param x Input, [B, H, W, C] (NHWC).
 * @param size Window and stride s; 1 returns `x` unchanged.
 * @param kind `"rms"` (default), `"max"` or `"avg"`.
 * @returns Pooled map, [B, floor(H / s), floor(W / s), C].
 * @example Max, average and RMS of one 2x2 window
 * ```ts
 * import * as tf from "@tensorflow/tfjs-core";
 * import { useBackend } from "../backend/backends.ts";
 * import { pathPool } from "./path_pool.ts";
 * await useBackend("cpu");
 * const x = tf.tensor4d([3, 0, 0, 4], [1, 2, 2, 1]);
 * const [max, avg] = [pathPool(x, 2, "max").dataSync()[0], pathPool(x, 2, "avg").dataSync()[0]];
 * if (max !== 4 || avg !== 1.75) throw new Error(`${max} ${avg}`);
 * ```
 */
export function pathPool(x: tf.Tensor4D, size: number, kind: PoolKind = "rms"): tf.Tensor4D {
  if (size === 1) return x;
  if (kind === "max") return tf.maxPool(x, size, size, "valid");
  if (kind === "avg") return tf.avgPool(x, size, size, "valid");
  return rmsPool(x, size);
}
