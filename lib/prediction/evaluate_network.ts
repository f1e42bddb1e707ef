/**
 * Evaluates every block and the fused prediction of a network over a set of images, in batches.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { FusionMode } from "../config/run_config.ts";
import type { BatchBuilder } from "../data/batch_builder.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import { fuseLogits } from "./strategies.ts";

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
  const [h, w, c] = network.plan.inputShape;
  const labels = new Int32Array(indices.length);
  const blockPredictions = Array.from({ length: blocks }, () => new Int32Array(indices.length));
  const fusionPredictions = new Int32Array(indices.length);
  const top5 = new Array(blocks + 1).fill(0);
  const goodnessSum = new Array(blocks).fill(0);
  const classSums = options.classLogits
    ? Array.from({ length: blocks }, () => new Float64Array(n * n))
    : undefined;
  const classCounts = new Float64Array(n);
  const k = Math.min(5, n);
  for (let start = 0; start < indices.length; start += options.batchSize) {
    options.signal?.throwIfAborted();
    const batch = builder.build(indices.subarray(start, start + options.batchSize));
    labels.set(batch.labels, start);
    const results = tf.tidy(() => {
      const out = network.predict(tf.tensor4d(batch.images, [batch.size, h, w, c]));
      const fused = fuseLogits(out.logits, options.fusion, options.fusionWeights);
      const scored = [...out.logits, fused];
      return {
        argmax: scored.map((s) => tf.argMax(s, 1)),
        topk: scored.map((s) => tf.topk(s, k).indices),
        goodness: out.goodness.map((g) => tf.mean(g)),
        logits: classSums ? out.logits : [],
      };
    });
    const argmax = await Promise.all(results.argmax.map((t) => t.data()));
    const topk = await Promise.all(results.topk.map((t) => t.data()));
    const goodness = await Promise.all(results.goodness.map((t) => t.data()));
    const logits = await Promise.all(results.logits.map((t) => t.data()));
    tf.dispose(results);
    for (let l = 0; l <= blocks; l++) {
      (l < blocks ? blockPredictions[l] : fusionPredictions).set(argmax[l] as Int32Array, start);
      for (let b = 0; b < batch.size; b++) {
        for (let j = 0; j < k; j++) if (topk[l][b * k + j] === batch.labels[b]) top5[l]++;
      }
    }
    for (let l = 0; l < blocks; l++) goodnessSum[l] += goodness[l][0] * batch.size;
    if (classSums) {
      for (let b = 0; b < batch.size; b++) {
        const y = batch.labels[b];
        classCounts[y]++;
        for (let l = 0; l < blocks; l++) {
          for (let j = 0; j < n; j++) classSums[l][y * n + j] += logits[l][b * n + j];
        }
      }
    }
  }
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
