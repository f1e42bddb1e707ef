/**
 * One local training step of one block.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { AsgeBlock } from "../model/asge_block.ts";
import type { BlockOptimizer } from "./block_optimizer.ts";
import { localGradients } from "./local_gradients.ts";

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
  const { loss, correct, features, gradients } = localGradients(block, input, labels);
  // x_{l+1} comes from the features of this forward pass (weights before the update), as a plain tensor.
  const next = wantNext ? block.next(features) : null;
  features.dispose();
  optimizer.apply(gradients, learningRate);
  tf.dispose(gradients);
  return { loss, correct, next };
}
