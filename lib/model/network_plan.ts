/**
 * The resolved shape of every block of a network: sizes, partition factor, goodness length. It is plain
 * JSON, saved with the weights, so a truncated network keeps the partition factors of the full one.
 * @module
 */
import type { BlockPlan, EncodingConfig } from "../config/run_config.ts";
import { nearestDivisor, partitionFactor } from "./partition_factor.ts";

/** One block's resolved shapes. */
export interface BlockShape {
  /** 0-based position l. */
  readonly index: number;
  /** Input map [H, W, C_in]. */
  readonly inputShape: readonly [number, number, number];
  /** Output channels C_l. */
  readonly channels: number;
  /** Conv kernel size k. */
  readonly kernelSize: number;
  /** Convolutions in the block (r; absent: 1, as in plans saved before the switch existed). */
  readonly convs?: number;
  /** RMS pool size s (1 = none). */
  readonly pool: number;
  /** Map the goodness is read from, [H, W] (before or after pooling, per `goodnessSite`). */
  readonly goodnessMap: readonly [number, number];
  /** Partition factor P_l. */
  readonly partition: number;
  /** Goodness length C_l * P_l^2, the width of the frozen projection. */
  readonly goodnessLength: number;
  /** Map passed to the next block, [H, W, C_l]. */
  readonly outputShape: readonly [number, number, number];
}

/** A network's resolved plan. */
export interface NetworkPlan {
  /** Input image shape [H, W, C]. */
  readonly inputShape: readonly [number, number, number];
  /** Number of classes N. */
  readonly numClasses: number;
  /** The blocks in order. */
  readonly blocks: readonly BlockShape[];
}

/**
 * Resolves a list of block plans into shapes and partition factors.
 *
 * @param blocks The conv blocks in order (config `blocks`).
 * @param encoding The method switches (config `encoding`): alpha and goodness site matter here.
 * @param inputShape Image shape [H, W, C].
 * @param numClasses N.
 * @returns The plan; throws when a pool would shrink a map below 1 pixel.
 * @example Partition factors of a three-block plan on 28x28 grey images
 * ```ts
 * import assert from "node:assert/strict";
 * import { planNetwork } from "./network_plan.ts";
 * const plan = planNetwork(
 *   [{ channels: 32, kernelSize: 3, pool: 2 }, { channels: 64, kernelSize: 3, pool: 2 },
 *    { channels: 128, kernelSize: 3, pool: 1 }],
 *   { alpha: 1, goodnessSite: "pre", goodnessReduction: "sum", projectionScale: 1, projectionCentering: false,
 *     fusion: "softmax" },
 *   [28, 28, 1], 10);
 * assert.deepEqual(plan.blocks.map((b) => b.partition), [4, 2, 1]);
 * ```
 */
export function planNetwork(
  blocks: readonly BlockPlan[],
  encoding: EncodingConfig,
  inputShape: readonly [number, number, number],
  numClasses: number,
): NetworkPlan {
  if (blocks.length === 0) throw new RangeError("planNetwork: the plan has no blocks; give at least one");
  const lastChannels = blocks[blocks.length - 1].channels;
  let [height, width, inChannels] = inputShape;
  const shapes: BlockShape[] = blocks.map((block, index) => {
    if (block.kernelSize % 2 !== 1) {
      throw new RangeError(
        `block ${index}: kernelSize must be odd for same padding, got ${block.kernelSize}`,
      );
    }
    if (block.convs !== undefined && !(Number.isInteger(block.convs) && block.convs >= 1)) {
      throw new RangeError(`block ${index}: convs must be a whole number >= 1, got ${block.convs}`);
    }
    const outH = Math.floor(height / block.pool);
    const outW = Math.floor(width / block.pool);
    if (outH < 1 || outW < 1) {
      throw new RangeError(
        `block ${index}: pool ${block.pool} shrinks the ${height}x${width} map to nothing`,
      );
    }
    const goodnessMap: [number, number] = encoding.goodnessSite === "pre" ? [height, width] : [outH, outW];
    // A block's own partition fits the map the same way alpha's does, so a plan written for goodness read before
    // pooling also runs with goodnessSite "post" (quick's P = 4 on 28x28 becomes 2 on the pooled 14x14 map).
    const partition = block.partition !== undefined
      ? nearestDivisor(block.partition, ...goodnessMap)
      : partitionFactor(block.channels, lastChannels, encoding.alpha, ...goodnessMap);
    const shape: BlockShape = {
      index,
      inputShape: [height, width, inChannels],
      channels: block.channels,
      kernelSize: block.kernelSize,
      // Only written when set, so plans (and model files) of one-conv blocks stay as they were.
      ...(block.convs !== undefined ? { convs: block.convs } : {}),
      pool: block.pool,
      goodnessMap,
      partition,
      goodnessLength: block.channels * partition * partition,
      outputShape: [outH, outW, block.channels],
    };
    [height, width, inChannels] = [outH, outW, block.channels];
    return shape;
  });
  return { inputShape: [...inputShape], numClasses, blocks: shapes };
}
