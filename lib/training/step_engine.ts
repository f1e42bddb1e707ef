/**
 * Where training steps run. The trainer hands every batch to a step engine: in this thread
 * ({@linkcode LocalStepEngine}) or spread over worker threads (data-parallel, `worker_step_engine.ts`).
 * @module
 */
import type { HostBatch } from "../data/batch_builder.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import type { BatchScorer } from "../prediction/score_batch.ts";
import type { BlockOptimizer } from "./block_optimizer.ts";

/** Per-block sums since the last {@linkcode StepEngine.takeStats}. */
export interface StepStats {
  /** Sum over images of the local loss L_l (loss times batch size, summed over steps). */
  readonly lossSum: number[];
  /** Images each block classified right. */
  readonly correct: number[];
  /** Images trained on. */
  readonly images: number;
}

/** Runs local training steps of every block. */
export interface StepEngine {
  /** A short description for logs, e.g. "1 thread" or "2 workers". */
  readonly description: string;
  /**
   * Trains every block once on `batch` (each block on the detached output of the one before).
   *
   * @param batch Normalised images and labels.
   * @param learningRate Rate for this step.
   */
  step(batch: HostBatch, learningRate: number): Promise<void>;
  /** Returns and resets the per-block loss and accuracy sums. */
  takeStats(): Promise<StepStats>;
  /** Makes the trainer's network and optimizers hold the engine's current weights and states. */
  syncTo(network: AsgeNetwork, optimizers: readonly BlockOptimizer[]): Promise<void>;
  /** Makes the engine hold the weights and states of the trainer's network and optimizers (after a resume). */
  loadFrom(network: AsgeNetwork, optimizers: readonly BlockOptimizer[]): Promise<void>;
  /**
   * Scores evaluation batches with the engine's copies of the network, when it has its own (workers); after
   * {@linkcode StepEngine.syncTo} they equal the trainer's network. Absent: evaluate in this thread.
   */
  readonly scorer?: BatchScorer;
  /** Evaluation batches to keep in flight with `scorer`. */
  readonly scoreConcurrency?: number;
  /** Frees what the engine holds (not the trainer's network). */
  dispose(): void;
}
