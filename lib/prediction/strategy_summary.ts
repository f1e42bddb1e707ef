/**
 * The costs and accuracy of one prediction strategy, side by side with the others.
 * @module
 */

/** Names of the three prediction strategies. */
export type StrategyName = "last" | "fusion" | "best";

/** Accuracy against cost for one prediction strategy. */
export interface StrategySummary {
  /** Which strategy. */
  readonly strategy: StrategyName;
  /** Test accuracy (fraction in [0, 1]). */
  readonly testAccuracy: number;
  /** Validation accuracy (fraction; NaN when there is no validation split). */
  readonly validationAccuracy: number;
  /** Number of conv blocks the strategy runs. */
  readonly blocksUsed: number;
  /** Trained parameters it needs (conv weights and biases, LayerNorm gamma/beta). */
  readonly trainableParameters: number;
  /** Frozen parameters it needs (the random projections W_l, b_l it reads). */
  readonly frozenParameters: number;
  /** Multiply-adds times two, per image, for one prediction. */
  readonly flopsPerImage: number;
  /** Estimated peak bytes of live tensors for one prediction at batch size 1 (weights plus activations). */
  readonly peakBytes: number;
}
