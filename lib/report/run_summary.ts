/**
 * The summary of a finished run (`summary.json`): the strategy table, every block's final accuracy and
 * goodness, top-5 and throughput. Data in, data out: `lib/run` writes it.
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import type { Evaluation } from "../prediction/evaluate_network.ts";
import { summarizeStrategies } from "../prediction/summarize_strategies.ts";
import type { StrategySummary } from "../prediction/strategy_summary.ts";
import type { NetworkPlan } from "../model/network_plan.ts";
import type { EpochMetrics } from "../training/epoch_metrics.ts";

/** The summary a run writes to `summary.json`. */
export interface RunSummary {
  /** The run's config. */
  readonly config: RunConfig;
  /** Backend description. */
  readonly backend: string;
  /** Block Best uses (0-based). */
  readonly bestBlock: number;
  /** Per strategy: accuracy, parameters, FLOPs, memory. */
  readonly strategies: StrategySummary[];
  /** Per block: final test and validation accuracy, mean goodness. */
  readonly blocks: { testAccuracy: number; validationAccuracy: number; meanGoodness: number }[];
  /** Fusion and per-block top-5 test accuracy (useful for many classes). */
  readonly top5: { fusion: number; blocks: number[] };
  /** Total training seconds over all epochs, evaluation excluded. */
  readonly trainSeconds: number;
  /** Mean training images/s over the epochs. */
  readonly imagesPerSecond: number;
}

/** What {@linkcode summarizeRun} reads: a trained network's plan, final evaluations and metrics. */
export interface RunSummaryInput {
  /** The run's config. */
  readonly config: RunConfig;
  /** The trained network's plan. */
  readonly plan: NetworkPlan;
  /** Block Best uses. */
  readonly bestBlock: number;
  /** Final evaluation on the validation split. */
  readonly validation: Evaluation;
  /** Final evaluation on the test split. */
  readonly test: Evaluation;
  /** Every epoch's record. */
  readonly metrics: readonly EpochMetrics[];
  /** Backend description, for the record. */
  readonly backend: string;
}

/**
 * Builds a finished run's summary.
 *
 * @param input Config, plan, evaluations, metrics and backend.
 * @returns The summary.
 */
export function summarizeRun(input: RunSummaryInput): RunSummary {
  const { config, plan, validation, test, bestBlock, metrics } = input;
  return {
    config,
    backend: input.backend,
    bestBlock,
    strategies: summarizeStrategies(plan, validation, test, bestBlock),
    blocks: plan.blocks.map((_, l) => ({
      testAccuracy: test.blockAccuracy[l],
      validationAccuracy: validation.blockAccuracy[l] ?? NaN,
      meanGoodness: test.meanGoodness[l],
    })),
    top5: { fusion: test.fusionTop5Accuracy, blocks: test.blockTop5Accuracy },
    trainSeconds: metrics.reduce((s, m) => s + m.trainSeconds, 0),
    imagesPerSecond: metrics.length
      ? metrics.reduce((s, m) => s + m.imagesPerSecond, 0) / metrics.length
      : NaN,
  };
}
