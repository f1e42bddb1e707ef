/**
 * Which cases the bench runs: every preset on every available backend, with the slow backends cut down.
 * @module
 */
import type { BackendProbe } from "../lib/backend/backends.ts";
import type { BenchOptions } from "./bench_args.ts";
import type { CaseSpec } from "./case_types.ts";

/** The cases to run and what was left out, with why. */
export interface CasePlan {
  /** Cases in run order. */
  readonly cases: CaseSpec[];
  /** Left out, one line each. */
  readonly skipped: string[];
}

/** Backends that run more than one thread, and how. */
const MULTI_THREAD = ["wasm", "onednn"];

/** CPU backends whose cases can carry the oneDNN reference (measured once per preset and thread count). */
const PEAK_BACKENDS = ["onednn", "wasm"];

/**
 * Plans the cases. Rules: a backend that is not available is skipped with its probe's reason; more than one
 * thread runs on wasm (the worker engine and an inference pool: one wasm instance uses one core) and onednn
 * (oneDNN's threads in one process, or workers with `--onednn-workers`); the slow backends, cpu and webgpu on
 * a CPU adapter (lavapipe), run only the quick preset unless `slowAll`, cpu with its own small batch, one
 * timed step and no phase split, webgpu with its own step count; the bare oneDNN primitives are measured once
 * per preset and thread count, in the first onednn or wasm case.
 *
 * @param options The bench's options.
 * @param probes What `probeBackends()` reported.
 * @returns Cases and skips.
 * @example wasm only, one preset
 * ```ts
 * import { parseBenchArgs, type BenchOptions } from "./bench_args.ts";
 * import { planCases } from "./case_plan.ts";
 * const options = parseBenchArgs(["--presets", "quick", "--backends", "wasm"]) as BenchOptions;
 * const plan = planCases(options, [{ name: "wasm", available: true, reason: "" }]);
 * console.log(plan.cases.map((c) => c.threads)); // [1, 2]
 * ```
 */
export function planCases(options: BenchOptions, probes: readonly BackendProbe[]): CasePlan {
  const cases: CaseSpec[] = [];
  const skipped: string[] = [];
  const available = probes.filter((p) => p.available).map((p) => p.name);
  const wanted = options.backends ??
    ["onednn", "wasm", "webgpu", "cpu", "tensorflow"].filter((b) =>
      available.includes(b as BackendProbe["name"])
    ) as BackendProbe["name"][];
  const slow = (backend: string) =>
    backend === "cpu" ||
    (backend === "webgpu" && /CPU adapter/.test(probes.find((p) => p.name === backend)!.reason));
  for (const backend of wanted) {
    const probe = probes.find((p) => p.name === backend);
    if (!probe?.available) {
      skipped.push(`${backend}: not available (${probe?.reason ?? "not probed"})`);
      continue;
    }
    if (!MULTI_THREAD.includes(backend) && options.threads.some((t) => t > 1)) {
      skipped.push(`${backend} with more than 1 thread: measured on ${MULTI_THREAD.join(" and ")} only`);
    }
    if (slow(backend) && !options.slowAll && options.presets.some((p) => p !== "quick")) {
      const why = backend === "cpu"
        ? "its weight gradient runs at ~0.02 GFLOP/s"
        : "a CPU adapter (lavapipe) trains at 2-4 GFLOP/s, a vgg case takes minutes";
      skipped.push(`${backend} on presets other than quick: ${why} (use --slow-all)`);
    }
  }
  const peakDone = new Set<string>();
  for (const preset of options.presets) {
    for (const backend of wanted) {
      if (!available.includes(backend)) continue;
      if (slow(backend) && preset !== "quick" && !options.slowAll) continue;
      const threads = MULTI_THREAD.includes(backend)
        ? options.threads
        : options.threads.filter((t) => t === 1);
      for (const t of threads) {
        const cpu = backend === "cpu";
        const webgpu = backend === "webgpu";
        const key = `${preset}/${t}`;
        const peak = !options.noPeak && PEAK_BACKENDS.includes(backend) && !peakDone.has(key);
        if (peak) peakDone.add(key);
        cases.push({
          preset,
          backend,
          threads: t,
          threading: backend === "onednn" && !options.onednnWorkers ? "library" : "workers",
          batchSize: cpu ? options.cpuBatchSize : options.batchSize,
          warmupSteps: options.warmupSteps,
          steps: cpu ? options.cpuSteps : webgpu ? options.webgpuSteps : options.steps,
          phaseSteps: cpu ? 0 : webgpu ? Math.min(options.phaseSteps, 1) : options.phaseSteps,
          inferenceBatches: cpu ? Math.min(options.inferenceBatches, 1) : options.inferenceBatches,
          bestBlock: options.bestBlock,
          primitivePeak: peak,
          sgemmSize: peak ? options.matmulSize : 0,
        });
      }
    }
  }
  return { cases, skipped };
}
