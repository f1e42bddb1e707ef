/**
 * Inference throughput of each prediction strategy: images/s from host batch to predicted classes.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { HostBatch } from "../lib/data/batch_builder.ts";
import type { AsgeNetwork } from "../lib/model/asge_network.ts";
import { fuseLogits } from "../lib/prediction/strategies.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";

/**
 * Predicted classes of one batch with one strategy, as a tensor the caller reads and disposes. Last and Fusion
 * run every block; Best runs blocks `0..bestBlock` (what its truncated network runs).
 */
function predictClasses(
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
 * Times inference over `batches` (the first `warmup` untimed), including the upload of each batch and the
 * read-back of its predictions.
 *
 * @param network The network.
 * @param batches Batches, warm-up ones first.
 * @param warmup Untimed batches.
 * @param strategy "last", "fusion" or "best".
 * @param bestBlock Block Best stops at (0-based).
 * @returns Images per second.
 */
export async function measureInference(
  network: AsgeNetwork,
  batches: readonly HostBatch[],
  warmup: number,
  strategy: StrategyName,
  bestBlock: number,
): Promise<number> {
  const [h, w, c] = network.plan.inputShape;
  let images = 0;
  let start = performance.now();
  for (let i = 0; i < batches.length; i++) {
    if (i === warmup) start = performance.now();
    const input = tf.tensor4d(batches[i].images, [batches[i].size, h, w, c]);
    const classes = predictClasses(network, input, strategy, bestBlock);
    await classes.data();
    tf.dispose([input, classes]);
    if (i >= warmup) images += batches[i].size;
  }
  if (images === 0) throw new RangeError(`measureInference: ${batches.length} batches leave none to time`);
  return images / ((performance.now() - start) / 1000);
}
