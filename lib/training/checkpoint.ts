/**
 * Checkpoints: the whole state of a run after an epoch (weights, every block's optimizer state, metrics so
 * far) as the bytes of one tensor file, so an interrupted run resumes from its last completed epoch. The run
 * folder (`lib/run/run_folder.ts`) writes them atomically.
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import { weightArrays, weightsFromArrays } from "../model/model_file.ts";
import { decodeTensorFile, encodeTensorFile } from "../util/tensor_file.ts";
import type { BlockOptimizer } from "./block_optimizer.ts";
import type { EpochMetrics } from "./epoch_metrics.ts";

/** What a checkpoint's header records. */
export interface CheckpointHeader {
  /** Format marker. */
  readonly kind: "asge-checkpoint";
  /** Epochs completed. */
  readonly epoch: number;
  /** The run's config; resuming under another config is refused. */
  readonly config: RunConfig;
  /** Metrics of every completed epoch. */
  readonly metrics: readonly EpochMetrics[];
  /** Per block, the optimizer's step count and number of slots per variable. */
  readonly optimizers: readonly { step: number; slotsPerVariable: number }[];
}

/**
 * Encodes a checkpoint of the network and its optimizers after `epoch` epochs.
 *
 * @param network The network.
 * @param optimizers One optimizer per block.
 * @param header Epoch, config and metrics.
 * @returns The file's bytes.
 */
export async function encodeCheckpoint(
  network: AsgeNetwork,
  optimizers: readonly BlockOptimizer[],
  header: Omit<CheckpointHeader, "kind" | "optimizers">,
): Promise<Uint8Array> {
  const arrays = weightArrays(await network.readWeights());
  const states = await Promise.all(optimizers.map((o) => o.readState()));
  states.forEach((state, l) =>
    state.slots.forEach((slots, v) => slots.forEach((slot, s) => arrays.set(`opt${l}.${v}.${s}`, slot)))
  );
  const optimizerHeaders = states.map((s) => ({ step: s.step, slotsPerVariable: s.slots[0]?.length ?? 0 }));
  return encodeTensorFile({ kind: "asge-checkpoint", ...header, optimizers: optimizerHeaders }, arrays);
}

/**
 * Restores a checkpoint into a network and its optimizers built from the same config.
 *
 * @param bytes The checkpoint file's bytes.
 * @param path Where they came from, for error messages.
 * @param network Network built from the checkpoint's config.
 * @param optimizers Its optimizers.
 * @returns The header (epoch and metrics so far).
 */
export function restoreCheckpoint(
  bytes: Uint8Array,
  path: string,
  network: AsgeNetwork,
  optimizers: readonly BlockOptimizer[],
): CheckpointHeader {
  const { header, arrays } = decodeTensorFile<CheckpointHeader>(bytes, path);
  if (header.kind !== "asge-checkpoint") throw new Error(`"${path}" is not an asge checkpoint`);
  network.writeWeights(weightsFromArrays(arrays, network.blocks.length));
  optimizers.forEach((optimizer, l) => {
    const { step, slotsPerVariable } = header.optimizers[l];
    const slots = network.blocks[l].variables.map((_, v) =>
      Array.from({ length: slotsPerVariable }, (_, s) => {
        const slot = arrays.get(`opt${l}.${v}.${s}`);
        if (!slot) throw new Error(`"${path}" lacks optimizer state of block ${l}; the file is damaged`);
        return slot;
      })
    );
    optimizer.writeState({ step, slots });
  });
  return header;
}
