/**
 * Scores one batch: every block's and the fusion's predictions, top-k classes, mean goodness and (optionally)
 * logits, as plain arrays. Evaluation accumulates these, wherever they were computed (this thread or a worker).
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { FusionMode } from "../config/run_config.ts";
import type { HostBatch } from "../data/batch_builder.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import { fuseLogits } from "./strategies.ts";

/** How to score. */
export interface ScoreOptions {
  /** Fusion rule. */
  readonly fusion: FusionMode;
  /** Per-block weights for `"weighted"` fusion. */
  readonly fusionWeights?: readonly number[];
  /** Also return every block's logits. */
  readonly logits?: boolean;
}

/** The scores of one batch of B images with L blocks and N classes. */
export interface BatchScores {
  /** L + 1 arrays of B predicted classes: every block, then the fusion. */
  readonly argmax: Int32Array[];
  /** L + 1 arrays of B * k class indices, best first. */
  readonly topk: Int32Array[];
  /** k = min(5, N). */
  readonly k: number;
  /** Per block, the mean entry of g_l over the batch. */
  readonly goodnessMean: number[];
  /** With `logits`: per block, B * N logits. */
  readonly logits?: Float32Array[];
}

/** Something that scores batches: {@linkcode scoreBatch} in this thread, or a pool of workers. */
export type BatchScorer = (batch: HostBatch, options: ScoreOptions) => Promise<BatchScores>;

/**
 * Scores a batch with the network in this thread.
 *
 * @param network The network.
 * @param batch Normalised images.
 * @param options Fusion rule and extras.
 * @returns The batch's scores.
 */
export async function scoreBatch(
  network: AsgeNetwork,
  batch: HostBatch,
  options: ScoreOptions,
): Promise<BatchScores> {
  const [h, w, c] = network.plan.inputShape;
  const k = Math.min(5, network.plan.numClasses);
  const results = tf.tidy(() => {
    const out = network.predict(tf.tensor4d(batch.images, [batch.size, h, w, c]));
    const scored = [...out.logits, fuseLogits(out.logits, options.fusion, options.fusionWeights)];
    return {
      argmax: scored.map((s) => tf.argMax(s, 1)),
      topk: scored.map((s) => tf.topk(s, k).indices),
      goodness: out.goodness.map((g) => tf.mean(g)),
      logits: options.logits ? out.logits : [],
    };
  });
  try {
    const read = (list: tf.Tensor[]) => Promise.all(list.map((t) => t.data()));
    return {
      argmax: (await read(results.argmax)) as Int32Array[],
      topk: (await read(results.topk)) as Int32Array[],
      k,
      goodnessMean: (await read(results.goodness)).map((v) => v[0]),
      logits: options.logits ? (await read(results.logits)) as Float32Array[] : undefined,
    };
  } finally {
    tf.dispose(results);
  }
}
