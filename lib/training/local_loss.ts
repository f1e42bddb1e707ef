/**
 * The local loss of one block.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/**
 * Softmax cross-entropy of a block's logits against the labels (r), averaged over the batch:
 *
 *     L_l = (1 / B) * sum_b [ log sum_n exp(a_l[b, n]) - a_l[b, y_b] ]
 *
 * It trains block l only: its logits a_l come from its own goodness g_l through the frozen projection.
 *
 * The targets may be soft (rows summing to 1, see {@linkcode lossTargets}); the formula then reads
 * `log sum_n exp(a_n) - sum_n t_n a_n`.
 *
 * @param logits a_l, [B, N].
 * @param oneHotLabels One-hot (or smoothed) labels, [B, N] float32.
 * @returns The scalar loss.
 * @example Uniform logits cost log N
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { useBackend } from "../backend/backends.ts";
 * import { localLoss } from "./local_loss.ts";
 * await useBackend("cpu");
 * const loss = localLoss(tf.zeros([2, 4]), tf.oneHot([0, 3], 4).toFloat() as tf.Tensor2D);
 * assert.ok(Math.abs(loss.dataSync()[0] - Math.log(4)) < 1e-6);
 * ```
 */
export function localLoss(logits: tf.Tensor2D, oneHotLabels: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const logPartition = tf.logSumExp(logits, 1);
    const trueLogit = tf.sum(tf.mul(logits, oneHotLabels), 1);
    return tf.mean(tf.sub(logPartition, trueLogit)) as tf.Scalar;
  });
}

/**
 * The targets of the local loss: one-hot labels, or with label smoothing (r, `encoding.labelSmoothing`, default 0)
 * `(1 - eps) * onehot + eps / N`. Smoothing stops a block from driving its logits ever larger on images it
 * already classifies right, a regulariser for blocks that overfit (the quick plan's last block, study
 * regularization).
 *
 * @param labels Class indices, int32 [B].
 * @param numClasses N.
 * @param smoothing eps in [0, 1); 0 gives plain one-hot rows.
 * @returns The targets, float32 [B, N].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { useBackend } from "../backend/backends.ts";
 * import { lossTargets } from "./local_loss.ts";
 * await useBackend("cpu");
 * const t = lossTargets(tf.tensor1d([1], "int32"), 4, 0.2).dataSync();
 * assert.deepEqual(Array.from(t, (v) => Math.round(v * 100) / 100), [0.05, 0.85, 0.05, 0.05]);
 * ```
 */
export function lossTargets(labels: tf.Tensor1D, numClasses: number, smoothing: number): tf.Tensor2D {
  return tf.tidy(() => {
    const oneHot = tf.cast(tf.oneHot(labels, numClasses), "float32") as tf.Tensor2D;
    if (!(smoothing > 0)) return oneHot;
    return tf.add(tf.mul(oneHot, 1 - smoothing), smoothing / numClasses) as tf.Tensor2D;
  });
}
