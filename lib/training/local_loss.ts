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
 * import * as tf from "@tensorflow/tfjs";
 * import { localLoss } from "./local_loss.ts";
 * await tf.setBackend("cpu");
 * const loss = localLoss(tf.zeros([2, 4]), tf.oneHot([0, 3], 4).toFloat() as tf.Tensor2D);
 * console.log(loss.dataSync()[0].toFixed(4)); // "1.3863" = log 4
 * ```
 */
export function localLoss(logits: tf.Tensor2D, oneHotLabels: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const logPartition = tf.logSumExp(logits, 1);
    const trueLogit = tf.sum(tf.mul(logits, oneHotLabels), 1);
    return tf.mean(tf.sub(logPartition, trueLogit)) as tf.Scalar;
  });
}
