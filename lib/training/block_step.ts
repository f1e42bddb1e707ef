/**
 * One local training step of one block.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { AsgeBlock } from "../model/asge_block.ts";
import type { BlockOptimizer } from "./block_optimizer.ts";
import { localLoss } from "./local_loss.ts";

/** What a block step leaves behind; the caller disposes every tensor. */
export interface BlockStepResult {
  /** L_l on this batch (scalar). */
  readonly loss: tf.Scalar;
  /** How many images of the batch this block classified right (scalar). */
  readonly correct: tf.Scalar;
  /** x_{l+1}: the detached input of the next block, or null when not asked for. */
  readonly next: tf.Tensor4D | null;
}

/**
 * Trains one block on one batch: forward, gradient of the block's own loss with respect to its own variables
 * only, one optimizer update. The next block's input is computed in the same forward pass (with the weights
 * before this update) and handed on as a plain tensor, so no gradient can cross the boundary.
 *
 * @param block The block.
 * @param input Its detached input, [B, H, W, C_in].
 * @param labels Class indices, int32 [B].
 * @param optimizer The block's own optimizer.
 * @param learningRate Rate for this step.
 * @param wantNext Whether to compute x_{l+1} (false for the last block).
 * @returns Loss, count right, and the next input.
 */
export function trainBlockStep(
  block: AsgeBlock,
  input: tf.Tensor4D,
  labels: tf.Tensor1D,
  optimizer: BlockOptimizer,
  learningRate: number,
  wantNext: boolean,
): BlockStepResult {
  let next: tf.Tensor4D | null = null;
  let correct: tf.Scalar | null = null;
  const numClasses = block.projection.shape[0];
  const { value, grads } = tf.variableGrads(() => {
    const out = block.forward(input);
    if (wantNext) next = tf.keep(block.next(out.features));
    correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(out.logits, 1), labels), "float32")));
    return localLoss(out.logits, tf.cast(tf.oneHot(labels, numClasses), "float32") as tf.Tensor2D);
  }, block.variables);
  optimizer.apply(grads, learningRate);
  tf.dispose(grads);
  return { loss: value, correct: correct!, next };
}
