/**
 * The typed events a training run reports through its `onEvent` callback. The library never prints: the CLI
 * renders these as progress bars and tables, notebooks with `Deno.jupyter`.
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import type { NetworkPlan } from "../model/network_plan.ts";
import type { EpochMetrics } from "./epoch_metrics.ts";

/** The run is set up and about to train. */
export interface StartEvent {
  /** Discriminator. */
  readonly type: "start";
  /** The resolved config. */
  readonly config: RunConfig;
  /** The resolved plan. */
  readonly plan: NetworkPlan;
  /** Images trained on per epoch, held out for validation, and tested on. */
  readonly images: { readonly train: number; readonly validation: number; readonly test: number };
  /** Steps per epoch. */
  readonly stepsPerEpoch: number;
  /** Epochs already done (non-zero when resuming). */
  readonly startEpoch: number;
}

/** Progress within an epoch, every few steps. */
export interface StepEvent {
  /** Discriminator. */
  readonly type: "step";
  /** 1-based epoch. */
  readonly epoch: number;
  /** Steps done in this epoch. */
  readonly step: number;
  /** Steps in this epoch. */
  readonly stepsPerEpoch: number;
  /** Mean local loss per block since the start of the epoch. */
  readonly blockLoss: readonly number[];
  /** Training images per second over this epoch so far. */
  readonly imagesPerSecond: number;
  /** Estimated seconds until the whole run's training ends. */
  readonly etaSeconds: number;
  /** Current learning rate. */
  readonly learningRate: number;
}

/** Evaluation of a split began. */
export interface EvaluateEvent {
  /** Discriminator. */
  readonly type: "evaluate";
  /** 1-based epoch. */
  readonly epoch: number;
  /** Which split. */
  readonly split: "validation" | "test";
  /** Images in it. */
  readonly images: number;
}

/** An epoch finished; its metrics were recorded. */
export interface EpochEvent {
  /** Discriminator. */
  readonly type: "epoch";
  /** The epoch's record. */
  readonly metrics: EpochMetrics;
}

/** A checkpoint was written (by `lib/run`, which owns the run folder). */
export interface CheckpointEvent {
  /** Discriminator. */
  readonly type: "checkpoint";
  /** Its path. */
  readonly path: string;
  /** Epochs it holds. */
  readonly epoch: number;
}

/** The run is going wrong but still running: a loss far above chance and growing, or goodness exploding. */
export interface WarningEvent {
  /** Discriminator. */
  readonly type: "warning";
  /** 1-based epoch. */
  readonly epoch: number;
  /** 0-based block. */
  readonly block: number;
  /** What grew. */
  readonly quantity: "loss" | "goodness";
  /** Its value now. */
  readonly value: number;
  /** One sentence: what grew, how far, what to do. */
  readonly message: string;
}

/** Any event of a training run. */
export type TrainEvent = StartEvent | StepEvent | EvaluateEvent | EpochEvent | CheckpointEvent | WarningEvent;
