/**
 * The step engine that trains in the calling thread, on the trainer's own network and optimizers.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { HostBatch } from "../data/batch_builder.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import type { BlockOptimizer } from "./block_optimizer.ts";
import { trainBlockStep } from "./block_step.ts";
import type { StepEngine, StepStats } from "./step_engine.ts";

/** Trains in this thread. Loss and accuracy sums stay on the device until {@linkcode takeStats} reads them. */
export class LocalStepEngine implements StepEngine {
  /** Description for logs. */
  readonly description = "1 thread";
  readonly #network: AsgeNetwork;
  readonly #optimizers: readonly BlockOptimizer[];
  #lossSums: tf.Scalar[];
  #correctSums: tf.Scalar[];
  #images = 0;

  /**
   * Creates a {@linkcode LocalStepEngine}.
   * @param network The trainer's network (trained in place).
   * @param optimizers One optimizer per block.
   */
  constructor(network: AsgeNetwork, optimizers: readonly BlockOptimizer[]) {
    this.#network = network;
    this.#optimizers = optimizers;
    this.#lossSums = network.blocks.map(() => tf.scalar(0));
    this.#correctSums = network.blocks.map(() => tf.scalar(0));
  }

  /** Trains every block once on the batch. */
  step(batch: HostBatch, learningRate: number): Promise<void> {
    const blocks = this.#network.blocks;
    const [h, w, c] = this.#network.plan.inputShape;
    let input = tf.tensor4d(batch.images, [batch.size, h, w, c]);
    const labels = tf.tensor1d(batch.labels, "int32");
    for (let l = 0; l < blocks.length; l++) {
      const result = trainBlockStep(
        blocks[l],
        input,
        labels,
        this.#optimizers[l],
        learningRate,
        l < blocks.length - 1,
      );
      input.dispose();
      input = result.next!;
      const [lossSum, correctSum] = [this.#lossSums[l], this.#correctSums[l]];
      this.#lossSums[l] = tf.tidy(() => tf.add(lossSum, tf.mul(result.loss, batch.size)));
      this.#correctSums[l] = tf.add(correctSum, result.correct);
      tf.dispose([lossSum, correctSum, result.loss, result.correct]);
    }
    labels.dispose();
    this.#images += batch.size;
    return Promise.resolve();
  }

  /** Reads and resets the sums. */
  async takeStats(): Promise<StepStats> {
    const lossSum = await Promise.all(this.#lossSums.map(async (s) => (await s.data())[0]));
    const correct = await Promise.all(this.#correctSums.map(async (s) => (await s.data())[0]));
    const stats = { lossSum, correct, images: this.#images };
    tf.dispose([this.#lossSums, this.#correctSums]);
    this.#lossSums = this.#network.blocks.map(() => tf.scalar(0));
    this.#correctSums = this.#network.blocks.map(() => tf.scalar(0));
    this.#images = 0;
    return stats;
  }

  /** Nothing to do: the engine trains the trainer's own network. */
  syncTo(): Promise<void> {
    return Promise.resolve();
  }

  /** Nothing to do: the engine trains the trainer's own network. */
  loadFrom(): Promise<void> {
    return Promise.resolve();
  }

  /** Frees the sums. */
  dispose(): void {
    tf.dispose([this.#lossSums, this.#correctSums]);
  }
}
