/**
 * Runs `bench/pytorch_asge.py` (the same network in PyTorch) with Debian's Python and reads its JSON.
 * @module
 */
import type { NetworkPlan } from "../lib/model/network_plan.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";

/** What the PyTorch reference measured. */
export interface PytorchResult {
  /** torch.__version__. */
  readonly torch: string;
  /** Intra-op threads it ran with. */
  readonly threads: number;
  /** Images per batch. */
  readonly batchSize: number;
  /** Training throughput (warm-up excluded). */
  readonly train: {
    readonly imagesPerSecond: number;
    readonly secondsPerStep: number;
    readonly steps: number;
  };
  /** Inference images/s per strategy. */
  readonly inference: Readonly<Record<StrategyName, number>>;
  /** GFLOP/s of a large matrix product at this thread count. */
  readonly matmulPeakGflops: number | null;
  /** Peak resident memory of the Python process. */
  readonly peakRssBytes: number;
}

/** Options of {@linkcode runPytorch}. */
export interface PytorchOptions {
  /** Python with torch (default /usr/bin/python3, where Debian's python3-torch installs). */
  readonly python?: string;
  /** Threads (torch.set_num_threads, and OMP/OpenBLAS thread counts). */
  readonly threads: number;
  /** Images per batch. */
  readonly batchSize: number;
  /** Untimed, timed training steps. */
  readonly warmupSteps: number;
  /** Timed training steps. */
  readonly steps: number;
  /** Timed inference batches per strategy. */
  readonly inferenceBatches: number;
  /** Block Best stops at; negative: the middle block. */
  readonly bestBlock: number;
  /** Side of the matrix product for the peak (0: skip). */
  readonly matmulSize: number;
  /** "sum" or "mean" patch energy. */
  readonly reduction: string;
}

const SCRIPT = new URL("./pytorch_asge.py", import.meta.url).pathname;

/**
 * Whether PyTorch can be imported by `python`, and if not, why.
 *
 * @param python The interpreter.
 * @returns null when torch imports, else a one-line reason with the fix.
 */
export async function pytorchMissing(python = "/usr/bin/python3"): Promise<string | null> {
  try {
    const out = await new Deno.Command(python, {
      args: ["-c", "import torch"],
      stdout: "null",
      stderr: "piped",
    })
      .output();
    if (out.success) return null;
    return `${python} cannot import torch: apt-get install -y python3-torch`;
  } catch (error) {
    return `cannot run ${python} (${(error as Error).message}): apt-get install -y python3-torch`;
  }
}

/**
 * Runs the reference for one plan and thread count.
 *
 * @param plan The network's plan (the script builds the same blocks from it).
 * @param options Threads, batch, steps.
 * @returns What PyTorch measured.
 */
export async function runPytorch(plan: NetworkPlan, options: PytorchOptions): Promise<PytorchResult> {
  const threads = String(options.threads);
  const args = [
    SCRIPT,
    ["--plan", JSON.stringify(plan)],
    ["--reduction", options.reduction],
    ["--threads", threads],
    ["--batch", String(options.batchSize)],
    ["--warmup", String(options.warmupSteps)],
    ["--steps", String(options.steps)],
    ["--inference-batches", String(options.inferenceBatches)],
    ["--best-block", String(options.bestBlock)],
    ["--matmul-size", String(options.matmulSize)],
  ].flat();
  const command = new Deno.Command(options.python ?? "/usr/bin/python3", {
    args,
    // Debian's torch multiplies matrices through OpenBLAS, whose thread pool set_num_threads does not size.
    env: { OMP_NUM_THREADS: threads, OPENBLAS_NUM_THREADS: threads, MKL_NUM_THREADS: threads },
    stdout: "piped",
    stderr: "piped",
  });
  const out = await command.output();
  const stdout = new TextDecoder().decode(out.stdout).trim();
  if (!out.success) {
    throw new Error(
      `bench/pytorch_asge.py failed (exit ${out.code}): ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  return JSON.parse(stdout.split("\n").at(-1)!) as PytorchResult;
}
