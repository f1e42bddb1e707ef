/**
 * Inference throughput of each prediction strategy: images/s from host batch to predicted classes.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { HostBatch } from "../lib/data/batch_builder.ts";
import type { AsgeNetwork } from "../lib/model/asge_network.ts";
import { fuseLogits } from "../lib/prediction/strategies.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";

/**
 * Predicted classes of one batch with one strategy, as a tensor the caller reads and disposes. Last and Fusion
 * run every block; Best runs blocks `0..bestBlock` (what its truncated network runs).
 *
 * @param network The network.
 * @param images Normalised images [B, H, W, C].
 * @param strategy "last", "fusion" or "best".
 * @param bestBlock Block Best stops at (0-based).
 * @returns B predicted classes.
 */
export function predictClasses(
  network: AsgeNetwork,
  images: tf.Tensor4D,
  strategy: StrategyName,
  bestBlock: number,
): tf.Tensor1D {
  return tf.tidy(() => {
    if (strategy === "best") return tf.argMax(network.predict(images, bestBlock).logits[bestBlock], 1);
    const { logits } = network.predict(images);
    const scores = strategy === "fusion" ? fuseLogits(logits, network.encoding.fusion) : logits.at(-1)!;
    return tf.argMax(scores, 1);
  });
}

/**
 * Times inference over `batches` (the first `warmup` untimed, then cycling through the rest until at least
 * `minSeconds` have passed), including the upload of each batch and the read-back of its predictions.
 *
 * @param network The network.
 * @param batches Batches, warm-up ones first.
 * @param warmup Untimed batches.
 * @param strategy "last", "fusion" or "best".
 * @param bestBlock Block Best stops at (0-based).
 * @param minSeconds Shortest timed span (a few fast batches alone are too noisy to compare).
 * @returns Images per second.
 */
export async function measureInference(
  network: AsgeNetwork,
  batches: readonly HostBatch[],
  warmup: number,
  strategy: StrategyName,
  bestBlock: number,
  minSeconds = 0.5,
): Promise<number> {
  if (batches.length <= warmup) {
    throw new RangeError(`measureInference: ${batches.length} batches leave none to time`);
  }
  const [h, w, c] = network.plan.inputShape;
  const run = async (batch: HostBatch) => {
    const input = tf.tensor4d(batch.images, [batch.size, h, w, c]);
    const classes = predictClasses(network, input, strategy, bestBlock);
    await classes.data();
    tf.dispose([input, classes]);
  };
  for (const batch of batches.slice(0, warmup)) await run(batch);
  const timed = batches.slice(warmup);
  let images = 0;
  const start = performance.now();
  for (let i = 0; i < timed.length || performance.now() - start < minSeconds * 1000; i++) {
    await run(timed[i % timed.length]);
    images += timed[i % timed.length].size;
  }
  return images / ((performance.now() - start) / 1000);
}
