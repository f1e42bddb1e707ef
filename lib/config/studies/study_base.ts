/**
 * The base every study starts from: the `quick` preset as it was when the studies ran (a 32-channel 3x3 first
 * block, one goodness per channel at the last block, learning rate 3e-3), pinned here so that their tables
 * still reproduce, run for run, after `quick` took the studies' winners.
 * @module
 */
import type { ConfigOverrides } from "../resolve_config.ts";

/** Overrides on the `quick` preset that give its plan and rate before the ablations. */
export const STUDY_BASE: ConfigOverrides = {
  dataset: "fashion-mnist",
  blocks: [
    { channels: 32, kernelSize: 3, pool: 2 },
    { channels: 64, kernelSize: 3, pool: 2 },
    { channels: 128, kernelSize: 3, pool: 1 },
  ],
  optimizer: { learningRate: 3e-3 },
};
