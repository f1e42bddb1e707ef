/**
 * The step engine the bench trains with: this thread for 1 thread, the data-parallel worker engine of
 * `lib/parallel/` for more (loaded by a non-literal import, so the bench still runs where it is missing).
 * @module
 */
import type { BackendName } from "../lib/backend/backends.ts";
import type { RunConfig } from "../lib/config/run_config.ts";
import type { AsgeNetwork } from "../lib/model/asge_network.ts";
import type { BlockOptimizer } from "../lib/training/block_optimizer.ts";
import { LocalStepEngine } from "../lib/training/local_step_engine.ts";
import type { StepEngine } from "../lib/training/step_engine.ts";
import type { StepEngineFactory } from "../lib/training/train_in_memory.ts";

/** A started engine, or why none could start for this thread count. */
export type EngineChoice =
  | { readonly engine: StepEngine; readonly unavailable?: undefined }
  | { readonly engine?: undefined; readonly unavailable: string };

const WORKER_ENGINE = "../lib/parallel/worker_step_engine.ts";

/**
 * Finds the factory of the multi-worker engine, if this checkout has one.
 *
 * @returns `workerEngine(workers, backend)` from `lib/parallel/worker_step_engine.ts`, or why it is missing.
 */
export async function findWorkerEngine(): Promise<
  { factory: (workers: number, backend: BackendName) => StepEngineFactory } | { unavailable: string }
> {
  let module: Record<string, unknown>;
  try {
    module = await import(new URL(WORKER_ENGINE, import.meta.url).href);
  } catch (error) {
    return { unavailable: `no multi-worker engine yet (${WORKER_ENGINE}: ${(error as Error).message})` };
  }
  if (typeof module.workerEngine !== "function") {
    return { unavailable: `${WORKER_ENGINE} exports no workerEngine(workers, backend) factory` };
  }
  return { factory: module.workerEngine as (workers: number, backend: BackendName) => StepEngineFactory };
}

/**
 * Starts the engine for `threads` threads on `backend`, training `network` and `optimizers`.
 *
 * @param threads 1 for this thread, more for the worker engine.
 * @param backend The backend every thread uses.
 * @param network The network (the local engine trains it in place; workers copy it).
 * @param optimizers One optimizer per block.
 * @param config The run config the engine needs.
 * @returns The engine, or why it is not available.
 */
export async function startEngine(
  threads: number,
  backend: BackendName,
  network: AsgeNetwork,
  optimizers: readonly BlockOptimizer[],
  config: RunConfig,
): Promise<EngineChoice> {
  if (threads === 1) return { engine: new LocalStepEngine(network, optimizers) };
  const found = await findWorkerEngine();
  if ("unavailable" in found) return found;
  return { engine: await found.factory(threads, backend)(network, optimizers, config) };
}
