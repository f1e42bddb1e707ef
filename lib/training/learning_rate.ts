/**
 * Learning-rate schedules.
 * @module
 */
import type { OptimizerConfig } from "../config/run_config.ts";

/**
 * The learning rate at a given step: optional linear warm-up (from `learningRate / warmupSteps` at step 0 to
 * the full rate at the warm-up's last step), then constant, cosine (from the full rate right after the warm-up
 * towards 0, which it would reach one step after the last) or step decay (times `stepGamma` every `stepEpochs`
 * epochs, counted from step 0).
 *
 * @param optimizer The optimizer config.
 * @param step 0-based global step.
 * @param stepsPerEpoch Steps in one epoch.
 * @param epochs Total epochs.
 * @returns The rate for this step.
 * @example Cosine halfway is half the peak
 * ```ts
 * import assert from "node:assert/strict";
 * import { learningRateAt } from "./learning_rate.ts";
 * import { PRESETS } from "../config/presets.ts";
 * const optimizer = { ...PRESETS.quick.optimizer, schedule: "cosine" as const, learningRate: 1e-3 };
 * // 10 epochs of 10 steps: step 50 is halfway
 * assert.equal(learningRateAt(optimizer, 0, 10, 10), 1e-3);
 * assert.ok(Math.abs(learningRateAt(optimizer, 50, 10, 10) - 5e-4) < 1e-15);
 * ```
 */
export function learningRateAt(
  optimizer: OptimizerConfig,
  step: number,
  stepsPerEpoch: number,
  epochs: number,
): number {
  const total = stepsPerEpoch * epochs;
  const warmup = optimizer.warmupEpochs * stepsPerEpoch;
  if (step < warmup) return optimizer.learningRate * (step + 1) / warmup;
  switch (optimizer.schedule) {
    case "constant":
      return optimizer.learningRate;
    case "cosine": {
      const progress = (step - warmup) / Math.max(1, total - warmup);
      return optimizer.learningRate * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
    }
    case "step":
      return optimizer.learningRate *
        Math.pow(optimizer.stepGamma, Math.floor(step / stepsPerEpoch / optimizer.stepEpochs));
  }
}
