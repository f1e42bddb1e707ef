/**
 * FLOPs of one ASGE training step, counted from the plan, to turn images/s into GFLOP/s.
 * @module
 */
import type { NetworkPlan } from "../lib/model/network_plan.ts";
import { strategyCost } from "../lib/prediction/strategy_costs.ts";

/** FLOPs per image of one training step over all blocks. */
export interface TrainingFlops {
  /** Forward pass of every block with its projection, and the paths to the next blocks. */
  readonly forward: number;
  /**
   * The local gradient: dL/dg through the frozen projection (2 N D), dL/dz (2 H W C), the conv weight gradient
   * (2 k^2 C_in C H W, as much as the forward conv) and the bias gradient (2 H W C).
   */
  readonly weightGradient: number;
  /** forward + weightGradient (the optimizer's work is per parameter, not per image, and is left out). */
  readonly total: number;
}

/**
 * Counts the FLOPs of training one image through every block: forward plus weight gradient. No input gradient
 * is computed in ASGE (each block's input is detached).
 *
 * @param plan The network's plan.
 * @returns FLOPs per image.
 * @example A conv's weight gradient costs about as much as the conv
 * ```ts
 * import { planNetwork } from "../lib/model/network_plan.ts";
 * import { DEFAULT_ENCODING } from "../lib/config/presets.ts";
 * import { trainingFlops } from "./training_flops.ts";
 * const plan = planNetwork([{ channels: 64, kernelSize: 3, pool: 1 }], DEFAULT_ENCODING, [8, 8, 16], 10);
 * const flops = trainingFlops(plan);
 * console.log(flops.weightGradient / flops.forward > 0.9); // true
 * ```
 */
export function trainingFlops(plan: NetworkPlan): TrainingFlops {
  const forward = strategyCost(plan, "fusion", plan.blocks.length - 1).flopsPerImage;
  let weightGradient = 0;
  for (const b of plan.blocks) {
    const [h, w, cin] = b.inputShape;
    const pixels = h * w * b.channels;
    weightGradient += 2 * b.kernelSize ** 2 * cin * pixels + 2 * plan.numClasses * b.goodnessLength +
      4 * pixels;
  }
  return { forward, weightGradient, total: forward + weightGradient };
}
