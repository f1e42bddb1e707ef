/**
 * The headers of the frames that flow through a pipeline run. Stage k reads `in.k` (the coordinator writes
 * `in.0`, stage k-1 writes `in.k`) and writes `in.k+1` and its own report subject `out.k`. Every input frame
 * carries the session and a sequence number the coordinator assigns, so a stage that restarts can tell what it
 * already trained (sequence <= its checkpoint's) from what it must train.
 * @module
 */
import type { EncodingConfig, OptimizerConfig } from "../config/run_config.ts";
import type { NetworkPlan } from "../model/network_plan.ts";

/** What every stage needs to know about the run; sent once per session in the `init` frame. */
export interface StageJob {
  /** The resolved plan of the whole network. */
  readonly plan: NetworkPlan;
  /** Method switches. */
  readonly encoding: EncodingConfig;
  /** Optimizer settings (every block has its own optimizer, as in one process). */
  readonly optimizer: OptimizerConfig;
  /** Seed of weights and projections. */
  readonly seed: number;
  /** Per stage, its blocks: `[first, end)`, contiguous, covering every block in order. */
  readonly ranges: readonly (readonly [number, number])[];
  /** Send activations between stages as float16 (half the bytes; not bit-identical to one process). */
  readonly float16: boolean;
  /** Input frames between a stage's checkpoints (and so between its acknowledgements). */
  readonly checkpointEvery: number;
}

/** Fields every input frame has. */
interface Sequenced {
  /** The coordinator's session id (new at every coordinator start). */
  readonly session: string;
  /** Position in the session, from 1. */
  readonly seq: number;
}

/** Starts a session: the job, and (as arrays) every block's weights and optimizer state. */
export interface InitFrame extends Sequenced {
  /** Discriminator. */
  readonly kind: "init";
  /** The job. */
  readonly job: StageJob;
  /** Per block, the optimizer's step count. */
  readonly optimizerSteps: readonly number[];
}

/** One training step: the stage's input activations (`x`) and labels (`labels`) as arrays. */
export interface BatchFrame extends Sequenced {
  /** Discriminator. */
  readonly kind: "batch";
  /** Images in the batch. */
  readonly size: number;
  /** Learning rate of this step (the single-process schedule). */
  readonly learningRate: number;
}

/** Asks every stage for its weights and optimizer states (end of an epoch). */
export interface SyncFrame extends Sequenced {
  /** Discriminator. */
  readonly kind: "sync";
}

/** Ends the session: stages checkpoint, acknowledge and exit. */
export interface StopFrame extends Sequenced {
  /** Discriminator. */
  readonly kind: "stop";
}

/** Any frame on a stage's input. */
export type InputFrame = InitFrame | BatchFrame | SyncFrame | StopFrame;

/** Where a stage's time went while handling one frame, in milliseconds. */
export interface StageTimings {
  /** Decoding the frame's bytes into arrays. */
  readonly decodeMs: number;
  /** Training the stage's blocks (forward, local gradients, updates) and reading back their outputs. */
  readonly computeMs: number;
  /** Encoding the output frame. */
  readonly encodeMs: number;
  /**
   * Publishing the output frame and this report until the broker stored every chunk (back-pressure waits
   * included). It runs while the stage takes the next frame, so it is not part of the busy time.
   */
  readonly publishMs: number;
  /** Waiting, before queuing this batch's frames, for the previous batch's to be stored (on the critical path). */
  readonly blockedMs: number;
  /** Waiting for this frame after the previous one was done (idle). */
  readonly waitMs: number;
  /**
   * CPU time (user + system, every thread) the stage's process used while handling the frame. Below the busy
   * time when other processes take the cores; above it when the backend computes on several threads.
   */
  readonly cpuMs: number;
}

/** A stage's report on one batch. */
export interface StatsFrame extends Sequenced {
  /** Discriminator. */
  readonly kind: "stats";
  /** The stage index (0-based). */
  readonly stage: number;
  /** Per block of the stage: sum over images of L_l. */
  readonly lossSum: readonly number[];
  /** Per block of the stage: images classified right. */
  readonly correct: readonly number[];
  /** Images in the batch. */
  readonly images: number;
  /** Where the time went. */
  readonly timings: StageTimings;
  /** Bytes received and sent for this batch. */
  readonly bytes: { readonly in: number; readonly out: number };
}

/** A stage's weights and optimizer states after a sync (arrays `k<l>`, `b<l>`, `o<l>.<v>.<s>`). */
export interface WeightsFrame extends Sequenced {
  /** Discriminator. */
  readonly kind: "weights";
  /** The stage index. */
  readonly stage: number;
  /** The stage's blocks. */
  readonly blocks: readonly [number, number];
  /** Per block of the stage, the optimizer's step count. */
  readonly optimizerSteps: readonly number[];
}

/** A stage could not go on; it exits after sending this. */
export interface FailedFrame extends Sequenced {
  /** Discriminator. */
  readonly kind: "failed";
  /** The stage index. */
  readonly stage: number;
  /** What went wrong. */
  readonly message: string;
}

/** Any frame on a report subject. */
export type ReportFrame = StatsFrame | WeightsFrame | FailedFrame;

/**
 * The id a frame is published under (its chunks add `.<index>`): stable, so a stage that repeats a frame after
 * a restart publishes the same ids and the broker drops the repeats.
 *
 * @param frame Session, sequence and kind.
 * @param from Who publishes: `c` (coordinator) or the stage index.
 * @returns The id.
 * @example
 * ```ts
 * import { frameId } from "./pipeline_messages.ts";
 * if (frameId({ session: "s1", seq: 4, kind: "batch" }, 2) !== "s1.4.batch.2") throw new Error("unexpected id");
 * ```
 */
export function frameId(frame: { session: string; seq: number; kind: string }, from: number | "c"): string {
  return `${frame.session}.${frame.seq}.${frame.kind}.${from}`;
}
