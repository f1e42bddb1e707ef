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
 * @param logits a_l, [B, N].
 * @param oneHotLabels One-hot labels, [B, N] float32.
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
