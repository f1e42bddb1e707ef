/**
 * Runs `bench/pytorch_asge.py` (the same network in PyTorch) with Debian's Python and reads its JSON.
 * @module
 */
import type { NetworkPlan } from "../lib/model/network_plan.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";

/** The BLAS library PyTorch's process loaded (its matrix products; its convolutions run on oneDNN). */
export interface PytorchBlas {
  /** Shared objects in the process's maps whose names mention a BLAS. */
  readonly libraries: string[];
  /** "openblas", "blis", "mkl", "reference" (Debian's libblas3, about 6 GFLOP/s) or "unknown". */
  readonly kind: string;
  /** OpenBLAS's `openblas_get_config()`, e.g. "OpenBLAS 0.3.21 ... DYNAMIC_ARCH ... SkylakeX". */
  readonly config: string | null;
  /** OpenBLAS's kernel, `openblas_get_corename()`, e.g. "SkylakeX" (AVX-512) or "Haswell" (AVX2). */
  readonly coreName: string | null;
  /** Threads the BLAS runs with. */
  readonly threads: number;
  /** OPENBLAS_CORETYPE as the process saw it (it forces a kernel), or null. */
  readonly coretypeEnv: string | null;
  /** OPENBLAS_L2_SIZE as the process saw it, or null. */
  readonly l2SizeEnv: string | null;
}

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
  /** Side of that product. */
  readonly matmulSize?: number;
  /** The BLAS it loaded (absent in results from before this field existed). */
  readonly blas?: PytorchBlas;
  /** The oneDNN version torch was built with (its convolutions), or null. */
  readonly onednn?: string | null;
  /** `torch.__config__.show()`. */
  readonly config?: string;
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

/**
 * Says what is wrong with PyTorch's BLAS for a fair comparison, or null when it is a tuned one.
 *
 * @param result What the reference measured.
 * @returns A warning naming the library and the fix, or null.
 * @example The reference BLAS makes PyTorch's matrix products 20x slow
 * ```ts
 * import { pytorchBlasProblem, type PytorchBlas } from "./pytorch_reference.ts";
 * const blas: PytorchBlas = {
 *   libraries: ["/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"], kind: "reference", config: null,
 *   coreName: null, threads: 1, coretypeEnv: null, l2SizeEnv: null,
 * };
 * console.log(pytorchBlasProblem({ blas })!.includes("libopenblas0-pthread")); // true
 * ```
 */
export function pytorchBlasProblem(result: Pick<PytorchResult, "blas">): string | null {
  const blas = result.blas;
  if (blas === undefined) return "the PyTorch result names no BLAS (made by an older bench/pytorch_asge.py)";
  const where = blas.libraries.join(", ") || "no BLAS library in the process";
  if (blas.kind === "reference") {
    return `PyTorch multiplied matrices with the reference BLAS (${where}), about 6 GFLOP/s: ` +
      "apt-get install -y libopenblas0-pthread (it switches the libblas.so.3 alternative)";
  }
  if (blas.kind === "unknown") return `PyTorch's BLAS is not one the bench knows (${where})`;
  if (blas.coretypeEnv) {
    return `OPENBLAS_CORETYPE=${blas.coretypeEnv} forces OpenBLAS's ${blas.coreName} kernel ` +
      "(unset it and OPENBLAS_L2_SIZE in the bench's command to let OpenBLAS pick this CPU's)";
  }
  return null;
}

/**
 * One line on what PyTorch ran on: BLAS (library, kernel, threads), oneDNN, and the measured sgemm.
 *
 * @param result What the reference measured.
 * @returns E.g. "OpenBLAS 0.3.21 ... (kernel SkylakeX, 2 threads); oneDNN 2.6.3; sgemm 2048^3 95.1 GFLOP/s".
 */
export function pytorchBackendLine(result: PytorchResult): string {
  const blas = result.blas;
  const blasText = blas === undefined
    ? "BLAS not recorded"
    : blas.kind === "openblas"
    ? `${blas.config} (kernel ${blas.coreName}, ${blas.threads} thread${blas.threads === 1 ? "" : "s"})`
    : `${blas.kind} BLAS (${blas.libraries.join(", ") || "none loaded"})`;
  const sgemm = result.matmulPeakGflops === null
    ? "sgemm not measured"
    : `sgemm ${result.matmulSize ?? "?"}^3 ${result.matmulPeakGflops.toFixed(1)} GFLOP/s`;
  return `${blasText}; oneDNN ${result.onednn ?? "not built in"}; ${sgemm}`;
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
