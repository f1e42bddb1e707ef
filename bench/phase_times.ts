/**
 * Where a training step spends its time, per block and per phase, by timing each piece on its own and waiting
 * for the device after it (on wasm and cpu kernels run synchronously, so the wait costs nothing; on webgpu it
 * reads back one value).
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { HostBatch } from "../lib/data/batch_builder.ts";
import type { AsgeNetwork } from "../lib/model/asge_network.ts";
import type { BlockOptimizer } from "../lib/training/block_optimizer.ts";
import { localGradients } from "../lib/training/local_gradients.ts";

/** Milliseconds of each phase of one block in one step (the fastest of the steps timed). */
export interface BlockPhaseTimes {
  /** conv + bias + ReLU, patch energy, frozen projection (block.forward alone). */
  forwardMs: number;
  /**
   * The local gradient minus the forward pass it includes: dL/da -> dL/dz -> dL/dW, dL/db (its fastest time
   * minus the forward's fastest; 0 where noise makes that negative).
   */
  weightGradientMs: number;
  /** The whole local-gradient call (forward included), the fastest of the steps. */
  localGradientMs: number;
  /** The block's Adam (or SGD) update. */
  optimizerMs: number;
  /** RMS pool + channel LayerNorm to the next block's input (0 for the last block). */
  nextMs: number;
}

/** The phases, in step order. */
export const PHASES = ["forwardMs", "weightGradientMs", "optimizerMs", "nextMs"] as const;

/** Waits until `tensor` is computed, by reading one of its values. */
async function settle(tensor: tf.Tensor): Promise<void> {
  const one = tf.tidy(() => tf.slice(tf.reshape(tensor, [-1]), 0, 1));
  await one.data();
  one.dispose();
}

async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Runs training steps of every block on `batches`, in the order `trainBlockStep` runs them (local gradient,
 * path to the next block, update), timing each piece; the forward pass is also run and timed alone, and the
 * weight-gradient phase is the local-gradient call minus it. The network is trained as by real steps.
 *
 * @param network The network (trained in place).
 * @param optimizers Its optimizers.
 * @param batches Batches to time; each is one step.
 * @param learningRate Rate of the updates.
 * @returns Per block, milliseconds of each phase: the fastest of the steps, piece by piece.
 */
export async function measurePhases(
  network: AsgeNetwork,
  optimizers: readonly BlockOptimizer[],
  batches: readonly HostBatch[],
  learningRate = 1e-3,
): Promise<BlockPhaseTimes[]> {
  const [h, w, c] = network.plan.inputShape;
  // Per block, per piece, the fastest of the steps: a step that another process interrupted is dropped.
  const best = network.blocks.map(() => ({
    forward: Infinity,
    gradient: Infinity,
    optimizer: Infinity,
    next: 0,
  }));
  for (const batch of batches) {
    let input = tf.tensor4d(batch.images, [batch.size, h, w, c]);
    const labels = tf.tensor1d(batch.labels, "int32");
    await settle(input);
    for (const [l, block] of network.blocks.entries()) {
      const t = best[l];
      t.forward = Math.min(
        t.forward,
        await timed(async () => {
          const out = block.forward(input);
          await settle(out.logits);
          tf.dispose([out.features, out.goodness, out.logits]);
        }),
      );
      let result: ReturnType<typeof localGradients> | undefined;
      const gradientMs = await timed(async () => {
        result = localGradients(block, input, labels);
        await Promise.all(Object.values(result.gradients).map(settle));
        await settle(result.loss);
      });
      const { loss, correct, features, gradients } = result!;
      t.gradient = Math.min(t.gradient, gradientMs);
      let next: tf.Tensor4D | null = null;
      if (l < network.blocks.length - 1) {
        const nextMs = await timed(async () => {
          next = block.next(features);
          await settle(next);
        });
        t.next = t.next === 0 ? nextMs : Math.min(t.next, nextMs);
      }
      t.optimizer = Math.min(
        t.optimizer,
        await timed(async () => {
          optimizers[l].apply(gradients, learningRate);
          await settle(block.kernel);
        }),
      );
      tf.dispose([loss, correct, features, input]);
      tf.dispose(gradients);
      input = next!;
    }
    labels.dispose();
  }
  return best.map((t) => ({
    forwardMs: t.forward,
    weightGradientMs: Math.max(0, t.gradient - t.forward),
    localGradientMs: t.gradient,
    optimizerMs: t.optimizer,
    nextMs: t.next,
  }));
}
