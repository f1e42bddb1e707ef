/**
 * Where the blocks go: contiguous groups, one per stage, either the same number of blocks each or balanced by
 * each block's measured step cost so that the slowest stage (which sets the pipeline's pace) is as fast as it
 * can be.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { RunConfig } from "../config/run_config.ts";
import { AsgeNetwork } from "../model/asge_network.ts";
import type { NetworkPlan } from "../model/network_plan.ts";
import { BlockOptimizer } from "../training/block_optimizer.ts";
import { trainBlockStep } from "../training/block_step.ts";
import { SeededRandom } from "../util/seeded_random.ts";

/** Blocks of each stage, `[first, end)`. */
export type StageRanges = readonly (readonly [number, number])[];

function checkStages(blocks: number, stages: number): void {
  if (!Number.isInteger(stages) || stages < 1 || stages > blocks) {
    throw new RangeError(
      `cannot split ${blocks} blocks into ${stages} stages: use 1 to ${blocks} stages (one block at least each)`,
    );
  }
}

/**
 * Splits blocks into stages of (nearly) the same number of blocks, earlier stages taking the remainder.
 *
 * @param blocks Number of blocks.
 * @param stages Number of stages (1..blocks).
 * @returns The ranges.
 * @example
 * ```ts
 * import { evenSplit } from "./stage_balance.ts";
 * if (JSON.stringify(evenSplit(5, 2)) !== "[[0,3],[3,5]]") throw new Error("unexpected split");
 * ```
 */
export function evenSplit(blocks: number, stages: number): StageRanges {
  checkStages(blocks, stages);
  const start = (s: number) => s * Math.floor(blocks / stages) + Math.min(s, blocks % stages);
  return Array.from({ length: stages }, (_, s) => [start(s), start(s + 1)] as const);
}

/**
 * Splits blocks into contiguous stages that minimise the largest stage cost (exact, by dynamic programming).
 *
 * @param costs Cost of each block (e.g. milliseconds per step).
 * @param stages Number of stages (1..costs.length).
 * @returns The ranges.
 * @example The heavy first block gets a stage of its own
 * ```ts
 * import { balancedSplit } from "./stage_balance.ts";
 * if (JSON.stringify(balancedSplit([6, 2, 2, 2], 2)) !== "[[0,1],[1,4]]") throw new Error("unexpected split");
 * ```
 */
export function balancedSplit(costs: readonly number[], stages: number): StageRanges {
  const n = costs.length;
  checkStages(n, stages);
  const prefix = [0];
  for (const c of costs) prefix.push(prefix[prefix.length - 1] + c);
  // best[s][i]: the smallest largest-stage cost of putting blocks [0, i) into s stages; cut[s][i] its last cut.
  const best = Array.from({ length: stages + 1 }, () => new Array(n + 1).fill(Infinity));
  const cut = Array.from({ length: stages + 1 }, () => new Array(n + 1).fill(0));
  best[0][0] = 0;
  for (let s = 1; s <= stages; s++) {
    for (let i = s; i <= n; i++) {
      for (let j = s - 1; j < i; j++) {
        const value = Math.max(best[s - 1][j], prefix[i] - prefix[j]);
        if (value < best[s][i]) [best[s][i], cut[s][i]] = [value, j];
      }
    }
  }
  const ranges: [number, number][] = [];
  for (let s = stages, i = n; s >= 1; i = cut[s][i], s--) ranges.unshift([cut[s][i], i]);
  return ranges;
}

/**
 * Measures what one training step of each block costs on this backend, in milliseconds: the fastest of a few
 * timed steps (after one warm-up; the fastest is the least disturbed by other processes on a shared machine)
 * on random inputs of the run's batch size, on a throwaway copy of the network.
 *
 * @param plan The network's plan.
 * @param config The run's config (encoding, optimizer, batch size, seed).
 * @param repeats Timed steps per block (default 3).
 * @returns Milliseconds per step, per block.
 */
export async function measureBlockCosts(
  plan: NetworkPlan,
  config: RunConfig,
  repeats = 3,
): Promise<number[]> {
  const network = new AsgeNetwork(plan, config.encoding, config.seed);
  const random = new SeededRandom(config.seed + 17);
  const costs: number[] = [];
  try {
    for (const block of network.blocks) {
      const optimizer = new BlockOptimizer(config.optimizer, block.variables);
      const [h, w, c] = block.shape.inputShape;
      const size = config.batchSize;
      const x = tf.tensor4d(Float32Array.from({ length: size * h * w * c }, () => random.nextNormal()), [
        size,
        h,
        w,
        c,
      ]);
      const labels = tf.tensor1d(Int32Array.from({ length: size }, (_, i) => i % plan.numClasses), "int32");
      const times: number[] = [];
      for (let r = 0; r <= repeats; r++) {
        const start = performance.now();
        const result = trainBlockStep(block, x, labels, optimizer, 0, true);
        await result.next!.data();
        await result.loss.data();
        tf.dispose([result.loss, result.correct, result.next!]);
        if (r > 0) times.push(performance.now() - start);
      }
      tf.dispose([x, labels]);
      optimizer.dispose();
      costs.push(Math.min(...times));
    }
    return costs;
  } finally {
    network.dispose();
  }
}
