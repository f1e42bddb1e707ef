/**
 * `deno task bench`: training and inference throughput of the presets on every available backend, the time
 * split per block and phase, memory, efficiency against the bare oneDNN primitives on the same shapes, the
 * same network in PyTorch, the ratios and the speed targets. Each case runs in a child process (`bench_case.ts`) so that its backend,
 * memory peak and worker threads are its own. Prints tables; writes `bench-results/bench-<date>.json`.
 *
 *     deno task bench [--presets quick] [--backends wasm] [--threads 1,2] [--batch 64] [--steps 3] [--help]
 * @module
 */
import { probeBackends } from "../lib/backend/backends.ts";
import { atomicWrite } from "../lib/util/atomic_write.ts";
import { BENCH_USAGE, type BenchOptions, BenchUsageError, parseBenchArgs } from "./bench_args.ts";
import { benchPlan } from "./bench_plan.ts";
import { renderBenchReport } from "./bench_report.ts";
import { type BenchRun, computeRatios, type PytorchRow, targetChecks } from "./bench_run.ts";
import { RESULT_MARK } from "./bench_case.ts";
import { planCases } from "./case_plan.ts";
import type { CaseResult, CaseSpec } from "./case_types.ts";
import { coreCount, loadAverage, waitForIdle } from "./machine_state.ts";
import { pytorchMissing, runPytorch } from "./pytorch_reference.ts";
import { trainingFlops } from "./training_flops.ts";

const root = new URL("../", import.meta.url);

/** Runs one case in a fresh Deno and returns its result. */
async function runCaseChild(spec: CaseSpec): Promise<CaseResult> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", new URL("bench/bench_case.ts", root).pathname, JSON.stringify(spec)],
    cwd: root,
    // onednn: oneDNN's threads in this process ("library"), or 1 per worker; read when the backend starts.
    env: { ASGE_ONEDNN_THREADS: String(spec.threading === "library" ? spec.threads : 1) },
    stdout: "piped",
    stderr: "piped",
  });
  const out = await command.output();
  const stdout = new TextDecoder().decode(out.stdout);
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARK));
  if (!out.success || line === undefined) {
    const stderr = new TextDecoder().decode(out.stderr);
    throw new Error(`bench case ${JSON.stringify(spec)} failed (exit ${out.code}):\n${stderr}${stdout}`);
  }
  return JSON.parse(line.slice(RESULT_MARK.length)) as CaseResult;
}

function cpuName(): string {
  try {
    return /model name\s*:\s*(.+)/.exec(Deno.readTextFileSync("/proc/cpuinfo"))?.[1] ?? "unknown CPU";
  } catch {
    return "unknown CPU";
  }
}

/** Runs the PyTorch reference for every preset and thread count (or records why it cannot). */
async function runPytorchRows(options: BenchOptions, log: (s: string) => void): Promise<PytorchRow[]> {
  if (options.noPytorch) return [];
  const missing = await pytorchMissing(options.python);
  const rows: PytorchRow[] = [];
  for (const preset of options.presets) {
    const { config, plan } = benchPlan(preset, options.batchSize);
    for (const threads of options.threads) {
      await waitForIdle(options.waitIdleSeconds);
      const base = { preset, threads, trainingFlopsPerImage: trainingFlops(plan).total };
      if (missing) {
        rows.push({ ...base, result: { unavailable: missing } });
        continue;
      }
      log(`PyTorch: ${preset}, ${threads} thread${threads === 1 ? "" : "s"}`);
      const result = await runPytorch(plan, {
        python: options.python,
        threads,
        batchSize: options.batchSize,
        warmupSteps: options.warmupSteps,
        steps: options.steps,
        inferenceBatches: options.inferenceBatches,
        bestBlock: options.bestBlock,
        matmulSize: options.matmulSize,
        reduction: config.encoding.goodnessReduction,
      });
      rows.push({ ...base, result });
    }
  }
  if (missing) log(`PyTorch skipped: ${missing}`);
  return rows;
}

/**
 * Runs the bench.
 *
 * @param options Parsed flags.
 * @param log Progress lines (standard error in the CLI).
 * @returns The run's record.
 */
export async function runBench(options: BenchOptions, log: (s: string) => void): Promise<BenchRun> {
  const date = new Date().toISOString();
  const loadStart = loadAverage();
  const probes = await probeBackends();
  const { cases, skipped } = planCases(options, probes);
  const results: CaseResult[] = [];
  for (const [i, spec] of cases.entries()) {
    const what = `${spec.preset} on ${spec.backend}, ${spec.threads} thread${spec.threads === 1 ? "" : "s"}`;
    const othersBusy = await waitForIdle(options.waitIdleSeconds);
    const busy = othersBusy === null ? "?" : `${Math.round(100 * othersBusy)}%`;
    log(`[${i + 1}/${cases.length}] ${what} (cores ${busy} busy before, load ${loadAverage()?.[0] ?? "?"})`);
    const result = { ...(await runCaseChild(spec)), othersBusy };
    if ("unavailable" in result.train) skipped.push(`${what}: ${result.train.unavailable}`);
    results.push(result);
  }
  const pytorch = await runPytorchRows(options, log);
  const ratios = computeRatios(results, pytorch);
  return {
    date,
    options,
    machine: {
      cpu: cpuName(),
      cores: coreCount(),
      deno: Deno.version.deno,
      loadStart,
      loadEnd: loadAverage(),
    },
    probes,
    skipped,
    cases: results,
    pytorch,
    ratios,
    targets: targetChecks({ cases: results, ratios }),
  };
}

if (import.meta.main) {
  let options;
  try {
    options = parseBenchArgs(Deno.args);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`${error.message}\n\n${BENCH_USAGE}`);
    Deno.exit(2);
  }
  if (options === "help") {
    console.log(BENCH_USAGE);
    Deno.exit(0);
  }
  let xdgDir: string | undefined;
  if (!Deno.env.get("XDG_RUNTIME_DIR")) {
    // Mesa's Vulkan driver (webgpu's CPU adapter) warns on every start without a private runtime directory.
    xdgDir = Deno.makeTempDirSync({ prefix: "asge-xdg-" });
    Deno.chmodSync(xdgDir, 0o700);
    Deno.env.set("XDG_RUNTIME_DIR", xdgDir);
  }
  try {
    const run = await runBench(options, (s) => console.error(s));
    console.log(renderBenchReport(run));
    await Deno.mkdir(options.out, { recursive: true });
    const file = `${options.out}/bench-${run.date.slice(0, 19).replaceAll(":", "-")}.json`;
    await atomicWrite(file, JSON.stringify(run, null, 1) + "\n");
    console.log(`\nwrote ${file}`);
  } catch (error) {
    console.error(`bench failed: ${(error as Error).message}`);
    Deno.exitCode = 1;
  } finally {
    if (xdgDir) Deno.removeSync(xdgDir, { recursive: true });
  }
  Deno.exit();
}
