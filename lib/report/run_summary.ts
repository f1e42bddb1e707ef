/**
 * What a finished run leaves in its folder besides metrics and checkpoint: the model, Best's truncated model
 * and `summary.json` with the strategy table.
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import { saveNetwork } from "../model/model_file.ts";
import { summarizeStrategies } from "../prediction/summarize_strategies.ts";
import type { StrategySummary } from "../prediction/strategy_summary.ts";
import { truncateNetwork } from "../prediction/truncate_network.ts";
import { RUN_FILES, RunFolder } from "../training/run_folder.ts";
import type { TrainResult } from "../training/train_run.ts";
import { atomicWrite } from "../util/atomic_write.ts";

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

/**
 * Saves the model files and `summary.json` into the run folder and returns the summary.
 *
 * @param dir Run folder.
 * @param config The run's config.
 * @param result What `trainNetwork` returned.
 * @param backend Backend description, for the record.
 * @returns The summary.
 */
export async function finishRun(
  dir: string,
  config: RunConfig,
  result: TrainResult,
  backend: string,
): Promise<RunSummary> {
  const folder = new RunFolder(dir);
  const { network, validation, test, bestBlock, metrics } = result;
  const strategies = summarizeStrategies(network.plan, validation, test, bestBlock);
  const meta = { dataset: config.dataset, preset: config.preset };
  await saveNetwork(folder.path(RUN_FILES.model), network, config.seed, meta);
  const best = await truncateNetwork(network, bestBlock, config.seed);
  try {
    await saveNetwork(folder.path(RUN_FILES.bestModel), best, config.seed, { ...meta, strategy: "best" });
  } finally {
    best.dispose();
  }
  const trainSeconds = metrics.reduce((s, m) => s + m.trainSeconds, 0);
  const summary: RunSummary = {
    config,
    backend,
    bestBlock,
    strategies,
    blocks: network.blocks.map((_, l) => ({
      testAccuracy: test.blockAccuracy[l],
      validationAccuracy: validation.blockAccuracy[l] ?? NaN,
      meanGoodness: test.meanGoodness[l],
    })),
    top5: { fusion: test.fusionTop5Accuracy, blocks: test.blockTop5Accuracy },
    trainSeconds,
    imagesPerSecond: metrics.length
      ? metrics.reduce((s, m) => s + m.imagesPerSecond, 0) / metrics.length
      : NaN,
  };
  await atomicWrite(folder.path(RUN_FILES.summary), JSON.stringify(summary, null, 2) + "\n");
  return summary;
}
