/**
 * Training throughput: images/s of full ASGE steps (every block) through a step engine, warm-up excluded.
 * @module
 */
import type { HostBatch } from "../lib/data/batch_builder.ts";
import type { AsgeNetwork } from "../lib/model/asge_network.ts";
import type { BlockOptimizer } from "../lib/training/block_optimizer.ts";
import type { StepEngine } from "../lib/training/step_engine.ts";

/** What {@linkcode measureTraining} measured. */
export interface TrainingThroughput {
  /** Images trained per second over the timed steps. */
  readonly imagesPerSecond: number;
  /** Mean seconds of one step. */
  readonly secondsPerStep: number;
  /** Timed steps. */
  readonly steps: number;
  /** Steps run first and not timed. */
  readonly warmupSteps: number;
  /** Seconds of one wait for the engine to finish, measured with nothing pending and subtracted. */
  readonly finishSeconds: number;
}

/**
 * Waits until every step handed to `engine` has finished: reading the loss sums waits for the device (the
 * local engine on webgpu), syncing the weights back waits for the workers (the worker engine posts its
 * updates without waiting for them).
 */
async function finish(engine: StepEngine, network: AsgeNetwork, optimizers: readonly BlockOptimizer[]) {
  await engine.takeStats();
  await engine.syncTo(network, optimizers);
}

/**
 * Runs `warmupSteps` untimed steps, then times `batches.length - warmupSteps` steps, one per batch, until the
 * engine has finished them. The cost of the final wait itself (copying weights back from workers) is measured
 * once more with nothing pending and subtracted.
 *
 * @param engine The engine (it trains `network` or copies of it).
 * @param network The trainer's network, for the final sync.
 * @param optimizers Its optimizers, for the final sync.
 * @param batches One batch per step, warm-up steps first.
 * @param warmupSteps Steps not timed (first calls compile shaders and size buffers).
 * @param learningRate Rate of every step.
 * @returns Images/s and seconds per step.
 */
export async function measureTraining(
  engine: StepEngine,
  network: AsgeNetwork,
  optimizers: readonly BlockOptimizer[],
  batches: readonly HostBatch[],
  warmupSteps: number,
  learningRate = 1e-3,
): Promise<TrainingThroughput> {
  const steps = batches.length - warmupSteps;
  if (steps < 1) throw new RangeError(`measureTraining: ${batches.length} batches leave no step to time`);
  for (const batch of batches.slice(0, warmupSteps)) await engine.step(batch, learningRate);
  await finish(engine, network, optimizers);
  const start = performance.now();
  let images = 0;
  for (const batch of batches.slice(warmupSteps)) {
    await engine.step(batch, learningRate);
    images += batch.size;
  }
  await finish(engine, network, optimizers);
  const elapsed = (performance.now() - start) / 1000;
  const finishStart = performance.now();
  await finish(engine, network, optimizers);
  const finishSeconds = (performance.now() - finishStart) / 1000;
  const seconds = Math.max(elapsed - finishSeconds, 1e-9);
  return {
    imagesPerSecond: images / seconds,
    secondsPerStep: seconds / steps,
    steps,
    warmupSteps,
    finishSeconds,
  };
}
