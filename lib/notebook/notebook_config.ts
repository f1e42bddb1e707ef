/**
 * A notebook's run config: a preset as it is in full mode, or with small mode's tiny plan; and the plan it
 * resolves to, described in markdown.
 * @module
 */
import type { DatasetSplits } from "../config/labeled_images.ts";
import { type ConfigOverrides, resolveConfig } from "../config/resolve_config.ts";
import type { RunConfig } from "../config/run_config.ts";
import { type NetworkPlan, planNetwork } from "../model/network_plan.ts";
import { planTableMarkdown } from "../report/plan_table.ts";
import type { NotebookMode } from "./notebook_mode.ts";

/**
 * What small mode changes in any preset: three thin blocks (P = 4, 2, 1 on 28x28 at alpha = 1), 400 images,
 * 4 epochs of batch 32 at a learning rate of 1e-2 (fast enough to learn something in 4 short epochs), no
 * augmentation. Every notebook runs in seconds with it.
 */
export const SMALL_MODE_OVERRIDES: ConfigOverrides = {
  blocks: [
    { channels: 8, kernelSize: 3, pool: 2 },
    { channels: 16, kernelSize: 3, pool: 2 },
    { channels: 32, kernelSize: 3, pool: 1 },
  ],
  augment: { cropPadding: 0, horizontalFlip: false },
  optimizer: { learningRate: 1e-2 },
  epochs: 4,
  batchSize: 32,
  limit: 400,
};

/** Options of {@linkcode notebookConfig}. */
export interface NotebookConfigOptions {
  /** A key of `PRESETS`. */
  readonly preset: string;
  /** The data the run trains on: its name, image shape and class count. */
  readonly data: DatasetSplits;
  /** `small` applies {@linkcode SMALL_MODE_OVERRIDES}. */
  readonly mode: NotebookMode;
  /** Overrides in full mode only (e.g. `{ limit: 10000, epochs: 2 }` for a quick look). */
  readonly full?: ConfigOverrides;
  /** Overrides in both modes, applied last (a top-level field given here replaces the mode's). */
  readonly overrides?: ConfigOverrides;
}

/** What {@linkcode notebookConfig} returns. */
export interface NotebookConfig {
  /** The resolved, validated config. */
  readonly config: RunConfig;
  /** The network it builds on the data. */
  readonly plan: NetworkPlan;
  /** Markdown: preset, alpha, epochs, batch, optimizer, then the plan table (per block: shapes, P_l, sizes). */
  readonly markdown: string;
}

/**
 * Resolves a notebook's config for its data and mode, and plans the network.
 *
 * @param options Preset, data, mode and overrides.
 * @returns The config, the plan and their description.
 * @throws RangeError naming the field when an override is invalid.
 * @example Small mode plans three thin blocks
 * ```ts
 * import assert from "node:assert/strict";
 * import { syntheticDataset } from "../../datasets/synthetic/synthetic.ts";
 * import { notebookConfig } from "./notebook_config.ts";
 * const data = syntheticDataset({ height: 28, width: 28, channels: 1, numClasses: 10, trainCount: 8, testCount: 4 });
 * const { config, plan, markdown } = notebookConfig({ preset: "vgg-grey", data, mode: "small" });
 * assert.equal(config.dataset, "synthetic");
 * assert.deepEqual(plan.blocks.map((b) => b.partition), [4, 2, 1]);
 * assert.match(markdown, /^Preset `vgg-grey` \(small mode: tiny plan\), alpha = 1, 4 epochs of batch 32/);
 * assert.equal(notebookConfig({ preset: "vgg-grey", data, mode: "full" }).config.blocks.length, 4);
 * ```
 */
export function notebookConfig(options: NotebookConfigOptions): NotebookConfig {
  const { preset, data, mode } = options;
  const small = mode === "small";
  const config = resolveConfig(preset, {
    dataset: data.name,
    ...(small ? SMALL_MODE_OVERRIDES : options.full),
    ...options.overrides,
  });
  const { height, width, channels } = data.train;
  const plan = planNetwork(config.blocks, config.encoding, [height, width, channels], data.classNames.length);
  const markdown = `Preset \`${config.preset}\`${small ? " (small mode: tiny plan)" : ""}, ` +
    `alpha = ${config.encoding.alpha}, ${config.epochs} epochs of batch ${config.batchSize}, ` +
    `${config.optimizer.kind} at ${config.optimizer.learningRate}:\n\n${planTableMarkdown(plan)}`;
  return { config, plan, markdown };
}
