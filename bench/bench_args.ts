/**
 * Flags of `deno task bench`, parsed and checked.
 * @module
 */
import { parseArgs } from "node:util";
import type { BackendName } from "../lib/backend/backends.ts";
import { PRESETS } from "../lib/config/presets.ts";

/** The bench's options. */
export interface BenchOptions {
  /** Presets to measure. */
  readonly presets: string[];
  /** Backends asked for (unavailable ones are skipped with their reason); null: every available one. */
  readonly backends: Exclude<BackendName, "auto">[] | null;
  /** Thread counts (asge: workers on wasm, oneDNN threads on onednn; PyTorch: set_num_threads). */
  readonly threads: number[];
  /** Images per batch. */
  readonly batchSize: number;
  /** Untimed training steps. */
  readonly warmupSteps: number;
  /** Timed training steps. */
  readonly steps: number;
  /** Steps timed piece by piece for the phase split. */
  readonly phaseSteps: number;
  /** Timed inference batches per strategy. */
  readonly inferenceBatches: number;
  /** Block Best stops at; negative: the middle block. */
  readonly bestBlock: number;
  /** Batch size on the cpu backend (it runs only the quick preset unless `slowAll`). */
  readonly cpuBatchSize: number;
  /** Timed steps on the cpu backend. */
  readonly cpuSteps: number;
  /** Run the slow backends (cpu, webgpu on a CPU adapter) on every preset, not just quick. */
  readonly slowAll: boolean;
  /** Timed training steps on webgpu (a CPU adapter there is slow). */
  readonly webgpuSteps: number;
  /** Side of the sgemm product timed beside the primitives (oneDNN) and in PyTorch (its BLAS); 0 skips. */
  readonly matmulSize: number;
  /** Skip the bare oneDNN primitives (the "of peak" reference). */
  readonly noPeak: boolean;
  /** Train onednn with more than one thread on the worker engine (1 oneDNN thread each) instead of oneDNN's. */
  readonly onednnWorkers: boolean;
  /** Skip the PyTorch reference. */
  readonly noPytorch: boolean;
  /** Python with torch. */
  readonly python: string;
  /** Folder for the JSON results. */
  readonly out: string;
  /** Before each case, wait up to this many seconds for other processes to leave the cores idle. */
  readonly waitIdleSeconds: number;
}

/** Usage text. */
export const BENCH_USAGE = `deno task bench [flags]

  --presets a,b       presets (default quick,vgg-grey,vgg-colour)
  --backends a,b      onednn, wasm, webgpu, cpu, tensorflow (default: every available one)
  --threads 1,2       thread counts to compare with PyTorch (default 1,2; training and inference; wasm: one
                      worker per thread; onednn: oneDNN's threads in one process)
  --onednn-workers    onednn with more than 1 thread on the worker engine (1 oneDNN thread per worker)
  --batch N           images per batch (default 64)
  --warmup N          untimed training steps (default 1)
  --steps N           timed training steps (default 3)
  --phase-steps N     steps timed piece by piece for the per-phase split, fastest kept (default 2; 0 skips)
  --inference-batches N  timed inference batches per strategy, at least 0.5 s (default 3)
  --best-block N      block Best stops at, 0-based (default: the middle block)
  --cpu-batch N       batch on the cpu backend (default 4; its weight gradient is ~1000x slower than wasm's)
  --cpu-steps N       timed steps on the cpu backend (default 1)
  --webgpu-steps N    timed steps on webgpu (default 2)
  --slow-all          run cpu and webgpu on a CPU adapter on every preset (default: quick only)
  --matmul-size N     side of the sgemm timed by oneDNN beside the primitives and by PyTorch (default 1024)
  --no-peak           skip the bare oneDNN primitives ("of peak" needs them)
  --no-pytorch        skip the PyTorch reference
  --python PATH       Python with torch (default /usr/bin/python3)
  --out DIR           folder for bench-<date>.json (default bench-results)
  --wait-idle S       before each case, wait up to S seconds for the cores to be idle (default 0)
  --help`;

/** A flag error: the CLI prints it with the usage and exits 2. */
export class BenchUsageError extends Error {
  override name = "BenchUsageError";
}

const BACKENDS = ["onednn", "wasm", "webgpu", "cpu", "tensorflow"] as const;

function whole(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new BenchUsageError(`--${name} must be a whole number >= ${min}, got "${value}"`);
  }
  return n;
}

function list(value: string): string[] {
  return value.split(",").map((s) => s.trim()).filter((s) => s);
}

/**
 * Parses the bench's flags.
 *
 * @param args Command-line arguments.
 * @returns The options, or "help".
 * @throws {BenchUsageError} On an unknown flag or a bad value.
 */
export function parseBenchArgs(args: string[]): BenchOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        presets: { type: "string", default: "quick,vgg-grey,vgg-colour" },
        backends: { type: "string" },
        threads: { type: "string", default: "1,2" },
        batch: { type: "string", default: "64" },
        warmup: { type: "string", default: "1" },
        steps: { type: "string", default: "3" },
        "phase-steps": { type: "string", default: "2" },
        "inference-batches": { type: "string", default: "3" },
        "best-block": { type: "string", default: "-1" },
        "cpu-batch": { type: "string", default: "4" },
        "cpu-steps": { type: "string", default: "1" },
        "slow-all": { type: "boolean", default: false },
        "webgpu-steps": { type: "string", default: "2" },
        "matmul-size": { type: "string", default: "1024" },
        "no-pytorch": { type: "boolean", default: false },
        "no-peak": { type: "boolean", default: false },
        "onednn-workers": { type: "boolean", default: false },
        python: { type: "string", default: "/usr/bin/python3" },
        out: { type: "string", default: "bench-results" },
        "wait-idle": { type: "string", default: "0" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  if (values.help) return "help";
  const presets = list(values.presets);
  for (const p of presets) {
    if (!(p in PRESETS)) {
      throw new BenchUsageError(`--presets: unknown preset "${p}"; use ${Object.keys(PRESETS)}`);
    }
  }
  const backends = values.backends === undefined ? null : list(values.backends);
  for (const b of backends ?? []) {
    if (!(BACKENDS as readonly string[]).includes(b)) {
      throw new BenchUsageError(`--backends: unknown backend "${b}"; use ${BACKENDS.join(", ")}`);
    }
  }
  const bestBlock = Number(values["best-block"]);
  if (!Number.isInteger(bestBlock)) {
    throw new BenchUsageError(`--best-block must be whole, got "${values["best-block"]}"`);
  }
  return {
    presets,
    backends: backends as BenchOptions["backends"],
    threads: list(values.threads).map((t) => whole("threads", t, 1)),
    batchSize: whole("batch", values.batch, 1),
    warmupSteps: whole("warmup", values.warmup, 0),
    steps: whole("steps", values.steps, 1),
    phaseSteps: whole("phase-steps", values["phase-steps"], 0),
    inferenceBatches: whole("inference-batches", values["inference-batches"], 0),
    bestBlock,
    cpuBatchSize: whole("cpu-batch", values["cpu-batch"], 1),
    cpuSteps: whole("cpu-steps", values["cpu-steps"], 1),
    slowAll: values["slow-all"],
    webgpuSteps: whole("webgpu-steps", values["webgpu-steps"], 1),
    matmulSize: whole("matmul-size", values["matmul-size"], 0),
    noPytorch: values["no-pytorch"],
    noPeak: values["no-peak"],
    onednnWorkers: values["onednn-workers"],
    python: values.python,
    out: values.out,
    waitIdleSeconds: whole("wait-idle", values["wait-idle"], 0),
  };
}
