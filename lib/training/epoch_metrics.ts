/**
 * What a run records once per epoch (one JSON object per line of `metrics.jsonl`).
 * @module
 */

/** Accuracy of each prediction strategy, as a fraction in [0, 1]. */
export interface StrategyAccuracy {
  /** Argmax of the last block's logits. */
  readonly last: number;
  /** Argmax of the fused logits of every block. */
  readonly fusion: number;
  /** The single block with the best validation accuracy. */
  readonly best: number;
}

/** One block's figures for one epoch. */
export interface BlockEpochMetrics {
  /** Mean local loss L_l over the epoch's training steps. */
  readonly trainLoss: number;
  /** Accuracy of this block's logits a_l on the training batches seen (fraction). */
  readonly trainAccuracy: number;
  /** Accuracy of this block's logits on the validation split (fraction; NaN when there is none). */
  readonly validationAccuracy: number;
  /** Accuracy of this block's logits on the test split (fraction). */
  readonly testAccuracy: number;
  /** Mean over test images of the mean entry of the goodness vector g_l. */
  readonly meanGoodness: number;
}

/** The record of one epoch. */
export interface EpochMetrics {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Per block, in order. */
  readonly blocks: readonly BlockEpochMetrics[];
  /** Test accuracy of each strategy. */
  readonly testAccuracy: StrategyAccuracy;
  /** Validation accuracy of each strategy (NaN when there is no validation split). */
  readonly validationAccuracy: StrategyAccuracy;
  /** 0-based index of the block Best selects (highest validation accuracy so far this epoch). */
  readonly bestBlock: number;
  /** Learning rate at the end of the epoch. */
  readonly learningRate: number;
  /** Training throughput over the epoch. */
  readonly imagesPerSecond: number;
  /** Wall time of the epoch's training, in seconds (evaluation excluded). */
  readonly trainSeconds: number;
  /** Wall time of the epoch's evaluation, in seconds. */
  readonly evalSeconds: number;
}
