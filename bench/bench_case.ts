/**
 * One bench case, run in a child process by `bench.ts`:
 *
 *     deno run -A bench/bench_case.ts '<CaseSpec as JSON>'
 *
 * prints one line `BENCH_RESULT <CaseResult as JSON>` (tfjs may print other lines).
 * @module
 */
import { useBackend } from "../lib/backend/backends.ts";
import { AsgeNetwork } from "../lib/model/asge_network.ts";
import { strategyCost } from "../lib/prediction/strategy_costs.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";
import { BlockOptimizer } from "../lib/training/block_optimizer.ts";
import { benchPlan } from "./bench_plan.ts";
import type { CaseResult, CaseSpec } from "./case_types.ts";
import { InferencePool, measurePoolInference } from "./inference_pool.ts";
import { measureInference } from "./inference_throughput.ts";
import { profileStep } from "./kernel_profile.ts";
import { loadAverage, peakRssBytes } from "./machine_state.ts";
import { measurePhases } from "./phase_times.ts";
import { measurePrimitivePeak } from "./primitive_peak.ts";
import { randomBatch } from "./random_batch.ts";
import { type EngineChoice, startEngine } from "./step_engines.ts";
import { LocalStepEngine } from "../lib/training/local_step_engine.ts";
import { measureTraining } from "./train_throughput.ts";
import { trainingFlops } from "./training_flops.ts";

/** Marks the result line on the child's standard output. */
export const RESULT_MARK = "BENCH_RESULT ";

const STRATEGIES: readonly StrategyName[] = ["last", "fusion", "best"];

/**
 * Measures one case in this process: selects the backend, builds the preset's network on random data, and
 * times training (warm-up excluded), the phase split and one profiled step (when training runs in this
 * thread), inference per strategy, and, when asked, the bare oneDNN primitives on the same shapes. With
 * `threading: "library"` the backend's own threads are used (the parent sets `ASGE_ONEDNN_THREADS`).
 *
 * @param spec The case.
 * @returns What it measured.
 */
export async function runCase(spec: CaseSpec): Promise<CaseResult> {
  const started = performance.now();
  const loadStart = loadAverage();
  const info = await useBackend(spec.backend);
  const { config, plan } = benchPlan(spec.preset, spec.batchSize);
  const bestBlock = spec.bestBlock >= 0 ? spec.bestBlock : Math.floor((plan.blocks.length - 1) / 2);
  if (bestBlock >= plan.blocks.length) {
    throw new RangeError(`--best-block ${bestBlock}: preset ${spec.preset} has ${plan.blocks.length} blocks`);
  }
  const network = new AsgeNetwork(plan, config.encoding, config.seed);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
  const batches = Array.from(
    { length: spec.warmupSteps + spec.steps },
    (_, i) => randomBatch(plan, spec.batchSize, i + 1),
  );
  // One thread, or a library's own threads: train in this thread. Else one worker per thread.
  const local = spec.threads === 1 || spec.threading === "library";
  const choice: EngineChoice = local
    ? { engine: new LocalStepEngine(network, optimizers) }
    : await startEngine(spec.threads, spec.backend, network, optimizers, config);
  let result: Partial<CaseResult> = {};
  if (choice.engine) {
    const engine = choice.engine;
    const train = await measureTraining(engine, network, optimizers, batches, spec.warmupSteps);
    result = { engine: engine.description, train };
    if (local) {
      const profile = await profileStep(engine, batches[0]);
      result = { ...result, profile: { ...profile, kernels: profile.kernels.slice(0, 8) } };
      if (spec.phaseSteps > 0) {
        result = {
          ...result,
          phases: await measurePhases(network, optimizers, batches.slice(0, spec.phaseSteps)),
        };
      }
    }
    engine.dispose();
  } else {
    result = { engine: `${spec.threads} threads`, train: { unavailable: choice.unavailable } };
  }
  if (spec.inferenceBatches > 0) {
    const inferenceBatches = Array.from(
      { length: 1 + spec.inferenceBatches },
      (_, i) => batches[i % batches.length],
    );
    const inference = {} as Record<StrategyName, number>;
    let inferenceEngine = "this thread";
    if (local) {
      for (const strategy of STRATEGIES) {
        inference[strategy] = await measureInference(network, inferenceBatches, 1, strategy, bestBlock);
      }
    } else {
      const pool = await InferencePool.start(spec.threads, spec.backend, plan, config.encoding, config.seed);
      inferenceEngine = pool.description;
      try {
        for (const strategy of STRATEGIES) {
          inference[strategy] = await measurePoolInference(
            pool,
            inferenceBatches.slice(1),
            1,
            strategy,
            bestBlock,
          );
        }
      } finally {
        pool.dispose();
      }
    }
    result = { ...result, inference, inferenceEngine };
  }
  if (spec.primitivePeak) {
    // Last: it sets oneDNN's threads in this process.
    const primitives = await measurePrimitivePeak(plan, spec.batchSize, spec.threads, spec.sgemmSize);
    result = { ...result, primitives };
  }
  network.dispose();
  for (const o of optimizers) o.dispose();
  return {
    spec,
    backendDescription: info.description,
    engine: result.engine!,
    train: result.train!,
    ...result,
    bestBlock,
    trainingFlops: trainingFlops(plan),
    inferenceFlops: Object.fromEntries(
      STRATEGIES.map((s) => [s, strategyCost(plan, s, bestBlock).flopsPerImage]),
    ) as Record<StrategyName, number>,
    peakRssBytes: peakRssBytes(),
    load: { start: loadStart, end: loadAverage() },
    seconds: (performance.now() - started) / 1000,
  };
}

if (import.meta.main) {
  const result = await runCase(JSON.parse(Deno.args[0]) as CaseSpec);
  console.log(RESULT_MARK + JSON.stringify(result));
  // Worker threads and the webgpu device can keep the event loop alive; the result is out.
  Deno.exit(0);
}
