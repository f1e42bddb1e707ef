/**
 * Evaluates every block and the fused prediction of a network over a set of images, in batches.
 * @module
 */
import type { FusionMode } from "../config/run_config.ts";
import type { BatchBuilder } from "../data/batch_builder.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import { type BatchScorer, type BatchScores, scoreBatch } from "./score_batch.ts";

/** Options of {@linkcode evaluateNetwork}. */
export interface EvaluateOptions {
  /** Images per forward pass. */
  readonly batchSize: number;
  /** Fusion rule. */
  readonly fusion: FusionMode;
  /** Per-block weights for `"weighted"` fusion. */
  readonly fusionWeights?: readonly number[];
  /** Also accumulate, per block, the mean logit of every class for every true class (N x N). */
  readonly classLogits?: boolean;
  /** Stops between batches. */
  readonly signal?: AbortSignal;
  /** Who scores the batches (default: the network in this thread). */
  readonly scorer?: BatchScorer;
  /** Batches in flight at once (default 1; a worker pool wants one or two per worker). */
  readonly concurrency?: number;
}

/** Results of an evaluation; accuracies are fractions. */
export interface Evaluation {
  /** Images evaluated. */
  readonly count: number;
  /** True labels, in evaluation order. */
  readonly labels: Int32Array;
  /** Per block, the predicted class of every image. */
  readonly blockPredictions: Int32Array[];
  /** The Fusion prediction of every image. */
  readonly fusionPredictions: Int32Array;
  /** Per block, top-1 accuracy. */
  readonly blockAccuracy: number[];
  /** Per block, top-5 accuracy (equal to 1 when N <= 5). */
  readonly blockTop5Accuracy: number[];
  /** Fusion top-1 accuracy. */
  readonly fusionAccuracy: number;
  /** Fusion top-5 accuracy. */
  readonly fusionTop5Accuracy: number;
  /** Per block, the mean over images of the mean entry of g_l. */
  readonly meanGoodness: number[];
  /** With `classLogits`: per block, N x N row-major mean logits, row = true class, column = logit's class. */
  readonly classLogits?: Float64Array[];
}

/**
 * Runs the network over `indices` of the builder's data and scores every block and the fusion.
 *
 * @param network The network.
 * @param builder Batches of the images to evaluate (no augmentation is applied).
 * @param indices Which images.
 * @param options Batch size, fusion rule, extras.
 * @returns Per-block and fused accuracies, predictions and goodness.
 */
export async function evaluateNetwork(
  network: AsgeNetwork,
  builder: BatchBuilder,
  indices: Int32Array,
  options: EvaluateOptions,
): Promise<Evaluation> {
  const blocks = network.blocks.length;
  const n = network.plan.numClasses;
  const labels = new Int32Array(indices.length);
  const blockPredictions = Array.from({ length: blocks }, () => new Int32Array(indices.length));
  const fusionPredictions = new Int32Array(indices.length);
  const top5 = new Array(blocks + 1).fill(0);
  const goodnessSum = new Array(blocks).fill(0);
  const classSums = options.classLogits
    ? Array.from({ length: blocks }, () => new Float64Array(n * n))
    : undefined;
  const classCounts = new Float64Array(n);
  const scorer = options.scorer ?? ((batch, scoreOptions) => scoreBatch(network, batch, scoreOptions));
  const scoreOptions = { fusion: options.fusion, fusionWeights: options.fusionWeights, logits: !!classSums };
  const accumulate = (start: number, batchLabels: Int32Array, scores: BatchScores) => {
    const size = batchLabels.length;
    labels.set(batchLabels, start);
    for (let l = 0; l <= blocks; l++) {
      (l < blocks ? blockPredictions[l] : fusionPredictions).set(scores.argmax[l], start);
      for (let b = 0; b < size; b++) {
        for (let j = 0; j < scores.k; j++) if (scores.topk[l][b * scores.k + j] === batchLabels[b]) top5[l]++;
      }
    }
    for (let l = 0; l < blocks; l++) goodnessSum[l] += scores.goodnessMean[l] * size;
    if (classSums && scores.logits) {
      for (let b = 0; b < size; b++) {
        const y = batchLabels[b];
        classCounts[y]++;
        for (let l = 0; l < blocks; l++) {
          for (let j = 0; j < n; j++) classSums[l][y * n + j] += scores.logits[l][b * n + j];
        }
      }
    }
  };
  // Keep up to `concurrency` batches in flight (one per worker when a pool scores them).
  const inFlight = new Set<Promise<void>>();
  for (let start = 0; start < indices.length; start += options.batchSize) {
    options.signal?.throwIfAborted();
    const batch = builder.build(indices.subarray(start, start + options.batchSize));
    const batchLabels = batch.labels.slice();
    const job: Promise<void> = scorer(batch, scoreOptions).then((scores) => {
      accumulate(start, batchLabels, scores);
      inFlight.delete(job);
    });
    inFlight.add(job);
    if (inFlight.size >= (options.concurrency ?? 1)) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const count = indices.length;
  const accuracy = (p: Int32Array) =>
    count ? p.reduce((s, v, i) => s + (v === labels[i] ? 1 : 0), 0) / count : NaN;
  if (classSums) {
    for (const sums of classSums) {
      for (let i = 0; i < n * n; i++) sums[i] /= Math.max(1, classCounts[i / n | 0]);
    }
  }
  return {
    count,
    labels,
    blockPredictions,
    fusionPredictions,
    blockAccuracy: blockPredictions.map(accuracy),
    blockTop5Accuracy: top5.slice(0, blocks).map((t) => count ? t / count : NaN),
    fusionAccuracy: accuracy(fusionPredictions),
    fusionTop5Accuracy: count ? top5[blocks] / count : NaN,
    meanGoodness: goodnessSum.map((g) => count ? g / count : NaN),
    classLogits: classSums,
  };
}
