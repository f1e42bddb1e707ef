/**
 * The step engine of the backpropagation baseline (config `training: "backprop"`): the same blocks trained end
 * to end, by automatic differentiation, on the loss of a learned linear head on the last block's goodness.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { HostBatch } from "../data/batch_builder.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import type { BlockOptimizer } from "./block_optimizer.ts";
import { localLoss, lossTargets } from "./local_loss.ts";
import type { StepEngine, StepStats } from "./step_engine.ts";

/**
 * Trains every block by backpropagation in this thread. Unlike ASGE, the path between blocks is not detached:
 * the gradient of the head's loss flows through every pool, LayerNorm and convolution (tfjs needs the
 * convolution's input gradient, which asge's kernels provide on wasm). Each block keeps its own optimizer with
 * the run's settings, so the baseline differs from ASGE only in where the gradient comes from. The per-block
 * loss and accuracy it reports for the earlier blocks are those of their frozen projections, which read out the
 * features without training anything.
 */
export class BackpropStepEngine implements StepEngine {
  /** Description for logs. */
  readonly description = "1 thread, backpropagation";
  readonly #network: AsgeNetwork;
  readonly #optimizers: readonly BlockOptimizer[];
  #lossSum: number[];
  #correct: number[];
  #images = 0;

  /**
   * Creates a {@linkcode BackpropStepEngine}.
   * @param network The trainer's network, built with a learned head (trained in place).
   * @param optimizers One optimizer per block.
   */
  constructor(network: AsgeNetwork, optimizers: readonly BlockOptimizer[]) {
    const last = network.blocks.at(-1);
    if (!last?.trainableProjection) {
      throw new Error(
        "BackpropStepEngine: the network's last block has a frozen projection; build the network with " +
          'learnedHead = true (config training: "backprop")',
      );
    }
    this.#network = network;
    this.#optimizers = optimizers;
    this.#lossSum = network.blocks.map(() => 0);
    this.#correct = network.blocks.map(() => 0);
  }

  /** One end-to-end step: forward through every block, gradient of the head's loss, one update per block. */
  async step(batch: HostBatch, learningRate: number): Promise<void> {
    const blocks = this.#network.blocks;
    const [h, w, c] = this.#network.plan.inputShape;
    const numClasses = this.#network.plan.numClasses;
    const variables = blocks.flatMap((b) => b.variables);
    const kept: tf.Tensor[] = [];
    const stats = tf.tidy(() => {
      const x = tf.tensor4d(batch.images, [batch.size, h, w, c]);
      const labels = tf.tensor1d(batch.labels, "int32");
      const targets = lossTargets(labels, numClasses, blocks[0].encoding.labelSmoothing ?? 0);
      const { grads } = tf.variableGrads(() => {
        let input = x;
        let loss: tf.Scalar | undefined;
        for (let l = 0; l < blocks.length; l++) {
          const out = blocks[l].forward(blocks[l].trainingInput(input));
          const blockLoss = localLoss(out.logits, targets);
          kept.push(
            tf.keep(blockLoss),
            tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(out.logits, 1), labels), "float32"))),
          );
          loss = blockLoss;
          if (l < blocks.length - 1) input = blocks[l].next(out.features, true);
        }
        return loss!;
      }, variables);
      this.#optimizers.forEach((optimizer) => optimizer.apply(grads, learningRate));
      return tf.stack(kept);
    });
    tf.dispose(kept);
    const values = await stats.data();
    stats.dispose();
    blocks.forEach((_, l) => {
      this.#lossSum[l] += values[2 * l] * batch.size;
      this.#correct[l] += values[2 * l + 1];
    });
    this.#images += batch.size;
  }

  /** Reads and resets the sums. */
  takeStats(): Promise<StepStats> {
    const stats = { lossSum: this.#lossSum, correct: this.#correct, images: this.#images };
    this.#lossSum = this.#network.blocks.map(() => 0);
    this.#correct = this.#network.blocks.map(() => 0);
    this.#images = 0;
    return Promise.resolve(stats);
  }

  /** Nothing to do: the engine trains the trainer's own network. */
  syncTo(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to do: the engine trains the trainer's own network. */
  loadFrom(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to free. */
  dispose(): void {}
}
