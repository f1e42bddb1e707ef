/**
 * What the bench asks of one case (a preset on a backend with a thread count) and what the case reports.
 * A case runs in a child process of its own, so its memory and backend are its own.
 * @module
 */
import type { BackendName } from "../lib/backend/backends.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";
import type { StepProfile } from "./kernel_profile.ts";
import type { BlockPhaseTimes } from "./phase_times.ts";
import type { PrimitivePeak } from "./primitive_peak.ts";
import type { TrainingThroughput } from "./train_throughput.ts";
import type { TrainingFlops } from "./training_flops.ts";

/** One case to measure. */
export interface CaseSpec {
  /** Preset name. */
  readonly preset: string;
  /** Backend (never "auto": the bench names what it measures). */
  readonly backend: Exclude<BackendName, "auto">;
  /** Threads for training and inference. */
  readonly threads: number;
  /**
   * How more than one thread is used: "workers", one Deno worker per thread with its own backend (the worker
   * engine for training, an inference pool), or "library", this thread with the library's own threads
   * (oneDNN's OpenMP threads, `ASGE_ONEDNN_THREADS`). With 1 thread both mean this thread.
   */
  readonly threading: "workers" | "library";
  /** Images per batch, training and inference. */
  readonly batchSize: number;
  /** Untimed training steps first. */
  readonly warmupSteps: number;
  /** Timed training steps. */
  readonly steps: number;
  /** Steps timed piece by piece for the phase split (0: skip). */
  readonly phaseSteps: number;
  /** Timed inference batches per strategy (at least 0.5 s), after one untimed (0: skip inference). */
  readonly inferenceBatches: number;
  /** Block Best stops at (0-based); negative: the middle block. */
  readonly bestBlock: number;
  /** Measure the bare oneDNN primitives on this case's shapes and threads (the "of peak" reference). */
  readonly primitivePeak: boolean;
  /** Side of the `dnnl_sgemm` product measured with the primitives (0: skip). */
  readonly sgemmSize: number;
}

/** What one case measured. */
export interface CaseResult {
  /** The spec it ran. */
  readonly spec: CaseSpec;
  /** What the backend said it runs. */
  readonly backendDescription: string;
  /** The step engine, e.g. "1 thread" or "2 workers, ...". */
  readonly engine: string;
  /** Training throughput, or why this thread count cannot run. */
  readonly train: TrainingThroughput | { readonly unavailable: string };
  /** Inference images/s per strategy, on as many threads as training (absent when skipped). */
  readonly inference?: Readonly<Record<StrategyName, number>>;
  /** Where inference ran: "this thread" or the pool's description. */
  readonly inferenceEngine?: string;
  /** Block Best stopped at. */
  readonly bestBlock: number;
  /** FLOPs per image of a training step. */
  readonly trainingFlops: TrainingFlops;
  /** FLOPs per image of each strategy. */
  readonly inferenceFlops: Readonly<Record<StrategyName, number>>;
  /** Per block, mean ms per step of each phase (1 thread only). */
  readonly phases?: BlockPhaseTimes[];
  /** Peak tensor bytes and kernel times of one profiled step (1 thread only; top kernels only). */
  readonly profile?: StepProfile;
  /** The bare oneDNN primitives on this case's conv shapes and threads, or why they were not measured. */
  readonly primitives?: PrimitivePeak | { readonly unavailable: string };
  /** Peak resident memory of the case's process (workers included: they are threads). */
  readonly peakRssBytes: number;
  /** Load averages when the case started and ended. */
  readonly load: { readonly start: number[] | null; readonly end: number[] | null };
  /** Share of all cores other processes kept busy just before the case (measured by the parent). */
  readonly othersBusy?: number | null;
  /** Seconds the case took, start-up included. */
  readonly seconds: number;
}
