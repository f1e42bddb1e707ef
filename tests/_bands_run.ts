/**
 * Test helper: the small run the training tests share on the "bands" problem of `quadrantDataset`
 * (`_tf_cpu.ts`), and
 * its metrics without the wall-clock fields, for comparing two runs exactly.
 * @module
 */
import { resolveConfig } from "../lib/config/resolve_config.ts";
import type { RunConfig } from "../lib/config/run_config.ts";
import type { EpochMetrics } from "../lib/training/epoch_metrics.ts";

/**
 * The "quick" preset with two small blocks (6 and 12 channels), batch 32 and learning rate 0.01.
 *
 * @param epochs How many epochs.
 * @returns The resolved config.
 */
export function bandsConfig(epochs: number): RunConfig {
  return resolveConfig("quick", {
    dataset: "bands",
    blocks: [{ channels: 6, kernelSize: 3, pool: 2 }, { channels: 12, kernelSize: 3, pool: 1 }],
    epochs,
    batchSize: 32,
    optimizer: { learningRate: 1e-2 },
  });
}

/**
 * Epoch metrics without the fields that measure time (images per second, train and eval seconds).
 *
 * @param metrics A run's epoch metrics.
 * @returns The rest of each epoch's metrics, which a repeated run reproduces.
 */
export function withoutTimings(
  metrics: readonly EpochMetrics[],
): Omit<EpochMetrics, "imagesPerSecond" | "trainSeconds" | "evalSeconds">[] {
  return metrics.map(({ imagesPerSecond: _i, trainSeconds: _t, evalSeconds: _e, ...rest }) => rest);
}
