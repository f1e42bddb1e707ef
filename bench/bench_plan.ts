/**
 * The network a bench case trains: a preset's config and its plan on the image shape of the preset's dataset.
 * @module
 */
import { resolveConfig } from "../lib/config/resolve_config.ts";
import type { RunConfig } from "../lib/config/run_config.ts";
import { type NetworkPlan, planNetwork } from "../lib/model/network_plan.ts";

/** Image shape [H, W, C] and class count of the datasets presets are sized for. */
const DATASET_SHAPES: Record<string, { shape: [number, number, number]; classes: number }> = {
  "mnist": { shape: [28, 28, 1], classes: 10 },
  "fashion-mnist": { shape: [28, 28, 1], classes: 10 },
  "cifar10": { shape: [32, 32, 3], classes: 10 },
  "cifar100": { shape: [32, 32, 3], classes: 100 },
  "imagenet": { shape: [32, 32, 3], classes: 1000 }, // the loader's default image size
};

/**
 * Resolves a preset for the bench.
 *
 * @param preset Preset name (see `PRESETS`).
 * @param batchSize Batch size of the bench (overrides the preset's).
 * @returns The run config and the plan.
 * @example The quick preset on Fashion-MNIST's shape
 * ```ts
 * import { benchPlan } from "./bench_plan.ts";
 * console.log(benchPlan("quick", 32).plan.inputShape); // [28, 28, 1]
 * ```
 */
export function benchPlan(preset: string, batchSize: number): { config: RunConfig; plan: NetworkPlan } {
  const config = resolveConfig(preset, { batchSize });
  const dataset = DATASET_SHAPES[config.dataset];
  if (dataset === undefined) {
    throw new RangeError(
      `bench: preset "${preset}" is sized for dataset "${config.dataset}", whose image shape the bench does ` +
        `not know; add it to DATASET_SHAPES in bench/bench_plan.ts`,
    );
  }
  return { config, plan: planNetwork(config.blocks, config.encoding, dataset.shape, dataset.classes) };
}
