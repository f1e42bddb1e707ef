/**
 * Learning-rate schedules.
 * @module
 */
import type { OptimizerConfig } from "../config/run_config.ts";

/**
 * The learning rate at a given step: optional linear warm-up, then constant, cosine (to 0 at the last step) or
 * step decay (times `stepGamma` every `stepEpochs` epochs).
 *
 * @param optimizer The optimizer config.
 * @param step 0-based global step.
 * @param stepsPerEpoch Steps in one epoch.
 * @param epochs Total epochs.
 * @returns The rate for this step.
 * @example Cosine halfway is half the peak
 * ```ts
 * import { learningRateAt } from "./learning_rate.ts";
 * import { PRESETS } from "../config/presets.ts";
 * const rate = learningRateAt(PRESETS.quick.optimizer, 50, 10, 10);
 * console.log(rate.toExponential(2)); // "5.00e-4"
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
