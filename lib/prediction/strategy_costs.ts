/**
 * What each prediction strategy costs: parameters, FLOPs and memory, computed from the plan.
 * @module
 */
import type { NetworkPlan } from "../model/network_plan.ts";
import type { StrategyName } from "./strategy_summary.ts";

/** The cost side of a {@linkcode StrategySummary}. */
export interface StrategyCost {
  /** Conv blocks run. */
  readonly blocksUsed: number;
  /** Conv kernels and biases of the blocks run (every conv of a block of several). */
  readonly trainableParameters: number;
  /** Entries of the frozen projections read. */
  readonly frozenParameters: number;
  /** FLOPs (2 x multiply-adds, plus elementwise work) per image. */
  readonly flopsPerImage: number;
  /**
   * Bytes at batch size 1, float32: the parameters needed plus the largest set of activations alive at once
   * (a block's input, its features and its pooled output; in a block of several convs, the larger of its input
   * and an inner conv's input in place of the input).
   */
  readonly peakBytes: number;
}

/**
 * Counts the cost of predicting with one strategy.
 *
 * @param plan The network's plan.
 * @param strategy `"last"` (every block, last projection), `"fusion"` (every block and projection) or
 *   `"best"` (blocks up to `bestBlock`, its projection only).
 * @param bestBlock Block Best stops at (0-based).
 * @returns Parameters, FLOPs and peak bytes.
 * @example Best at the first block costs less than Fusion
 * ```ts
 * import assert from "node:assert/strict";
 * import { planNetwork } from "../model/network_plan.ts";
 * import { DEFAULT_ENCODING } from "../config/presets.ts";
 * import { strategyCost } from "./strategy_costs.ts";
 * const plan = planNetwork([{ channels: 8, kernelSize: 3, pool: 2 }, { channels: 16, kernelSize: 3, pool: 1 }],
 *   DEFAULT_ENCODING, [8, 8, 1], 10);
 * const best = strategyCost(plan, "best", 0), fusion = strategyCost(plan, "fusion", 0);
 * assert.ok(best.flopsPerImage < fusion.flopsPerImage);
 * assert.equal(best.blocksUsed, 1);
 * assert.equal(fusion.blocksUsed, 2);
 * ```
 */
export function strategyCost(plan: NetworkPlan, strategy: StrategyName, bestBlock: number): StrategyCost {
  const last = strategy === "best" ? bestBlock : plan.blocks.length - 1;
  const used = plan.blocks.slice(0, last + 1);
  const n = plan.numClasses;
  let trainable = 0, frozen = 0, flops = 0, activations = 0;
  for (const b of used) {
    const [h, w, cin] = b.inputShape;
    const k = b.kernelSize;
    const [gh, gw] = b.goodnessMap;
    const [oh, ow] = b.outputShape;
    const reads = strategy === "fusion" || b.index === last;
    const c = b.channels;
    const inner = (b.convs ?? 1) - 1; // the second and later convs: C_l -> C_l, same map
    trainable += k * k * cin * c + c + inner * (k * k * c * c + c);
    if (reads) frozen += n * b.goodnessLength + n;
    flops += 2 * k * k * cin * c * h * w + 2 * h * w * c; // conv, bias + ReLU
    flops += inner * (2 * k * k * c * c * h * w + 2 * h * w * c);
    if (reads) {
      flops += 2 * gh * gw * b.channels + 2 * n * b.goodnessLength + (strategy === "fusion" ? 3 * n : 0);
    }
    if (b.index < last) flops += (b.pool > 1 ? 3 * h * w * b.channels : 0) + 8 * oh * ow * b.channels;
    const convInput = inner > 0 ? Math.max(cin, c) : cin;
    activations = Math.max(activations, h * w * convInput + h * w * c + oh * ow * c);
  }
  return {
    blocksUsed: used.length,
    trainableParameters: trainable,
    frozenParameters: frozen,
    flopsPerImage: flops,
    peakBytes: 4 * (trainable + frozen + activations),
  };
}
