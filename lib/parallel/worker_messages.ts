/**
 * The messages between the data-parallel step engine and its training workers.
 * @module
 */
import type { BackendName } from "../backend/backends.ts";
import type { EncodingConfig, OptimizerConfig } from "../config/run_config.ts";
import type { NetworkPlan } from "../model/network_plan.ts";
import type { NetworkWeights } from "../model/asge_network.ts";
import type { BatchScores, ScoreOptions } from "../prediction/score_batch.ts";
import type { OptimizerState } from "../training/block_optimizer.ts";

/** Sets a worker up: backend, network, optimizers and (when resuming) their saved state. */
export interface InitMessage {
  /** Discriminator. */
  readonly type: "init";
  /** Backend to select in the worker. */
  readonly backend: BackendName;
  /** The network's plan. */
  readonly plan: NetworkPlan;
  /** Method switches. */
  readonly encoding: EncodingConfig;
  /** Optimizer settings. */
  readonly optimizer: OptimizerConfig;
  /** Seed of the weights and projections. */
  readonly seed: number;
}

/** Loads weights and optimizer states into the worker. */
export interface LoadMessage {
  /** Discriminator. */
  readonly type: "load";
  /** Weights of every block. */
  readonly weights: NetworkWeights;
  /** Optimizer state of every block. */
  readonly optimizers: OptimizerState[];
}

/** Computes the local gradients of every block on a shard of a batch. */
export interface GradientsMessage {
  /** Discriminator. */
  readonly type: "gradients";
  /** Normalised pixels of the shard, NHWC. */
  readonly images: Float32Array;
  /** Labels of the shard. */
  readonly labels: Int32Array;
}

/** Applies the averaged gradients with every block's optimizer. */
export interface ApplyMessage {
  /** Discriminator. */
  readonly type: "apply";
  /** Per block, the averaged gradient of each of its variables, in `AsgeBlock.variables` order. */
  readonly gradients: Float32Array[][];
  /** Rate for this step. */
  readonly learningRate: number;
}

/** Scores an evaluation batch with the worker's network. */
export interface ScoreMessage {
  /** Discriminator. */
  readonly type: "score";
  /** Normalised pixels, NHWC. */
  readonly images: Float32Array;
  /** Images in the batch. */
  readonly size: number;
  /** Fusion rule and extras. */
  readonly options: ScoreOptions;
}

/** Asks for the worker's weights and optimizer states. */
export interface ReadMessage {
  /** Discriminator. */
  readonly type: "read";
}

/** Any message to a worker. */
export type ToWorker =
  | InitMessage
  | LoadMessage
  | GradientsMessage
  | ApplyMessage
  | ScoreMessage
  | ReadMessage;

/** A worker's answer. */
export type FromWorker =
  | { readonly type: "ready"; readonly description: string }
  | { readonly type: "loaded" }
  | {
    readonly type: "gradients";
    /**
     * Per block: the gradient of each variable in `AsgeBlock.variables` order (kernel, bias, then the inner
     * convs'; means over the shard), loss times shard size, count right.
     */
    readonly blocks: { gradients: Float32Array[]; lossSum: number; correct: number }[];
  }
  | { readonly type: "state"; readonly weights: NetworkWeights; readonly optimizers: OptimizerState[] }
  | { readonly type: "scores"; readonly scores: BatchScores }
  | { readonly type: "error"; readonly message: string };
