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
import { matmulPeakGflops } from "./matmul_peak.ts";
import { measurePhases } from "./phase_times.ts";
import { randomBatch } from "./random_batch.ts";
import { startEngine } from "./step_engines.ts";
import { measureTraining } from "./train_throughput.ts";
import { trainingFlops } from "./training_flops.ts";

/** Marks the result line on the child's standard output. */
export const RESULT_MARK = "BENCH_RESULT ";

const STRATEGIES: readonly StrategyName[] = ["last", "fusion", "best"];

/**
 * Measures one case in this process: selects the backend, builds the preset's network on random data, and
 * times training (warm-up excluded), the phase split, one profiled step, inference per strategy and the
 * backend's matrix-product peak.
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
  const choice = await startEngine(spec.threads, spec.backend, network, optimizers, config);
  let result: Partial<CaseResult> = {};
  if (choice.engine) {
    const engine = choice.engine;
    const train = await measureTraining(engine, network, optimizers, batches, spec.warmupSteps);
    result = { engine: engine.description, train };
    if (spec.threads === 1) {
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
    if (spec.threads === 1) {
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
  if (spec.matmulSize > 0) result = { ...result, matmulPeakGflops: await matmulPeakGflops(spec.matmulSize) };
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
