/**
 * A stack of ASGE blocks joined by detached RMS-pool + LayerNorm paths.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { EncodingConfig } from "../config/run_config.ts";
import { SeededRandom } from "../util/seeded_random.ts";
import { AsgeBlock, type BlockWeights } from "./asge_block.ts";
import { requireBackend } from "./require_backend.ts";
import type { NetworkPlan } from "./network_plan.ts";
import { stopGradient } from "./stop_gradient.ts";

/** Per-block outputs of an inference pass. */
export interface NetworkOutputs {
  /** a_l for every block, each [B, N]. */
  readonly logits: tf.Tensor2D[];
  /** g_l for every block, each [B, C_l * P_l^2]. */
  readonly goodness: tf.Tensor2D[];
}

/**
 * The weights of a network as plain arrays, in block order (kernel, bias, projection, projection bias, and the
 * inner convs' kernels and biases of blocks with more than one conv).
 */
export interface NetworkWeights {
  /** Per block, its arrays. */
  readonly blocks: readonly BlockWeights[];
}

/** An ASGE network: its plan, its method switches and its blocks. */
export class AsgeNetwork {
  /** The resolved plan. */
  readonly plan: NetworkPlan;
  /** Method switches. */
  readonly encoding: EncodingConfig;
  /** The blocks in order. */
  readonly blocks: AsgeBlock[];

  /**
   * Builds a network with freshly drawn weights and projections.
   *
   * @param plan Resolved plan (from `planNetwork`).
   * @param encoding Method switches.
   * @param seed Seed for every weight and projection.
   * @param learnedHead Make the last block's projection a trainable linear head (the backpropagation baseline,
   *   config `training: "backprop"`); default false.
   * @example A two-block network on 8x8 grey images
   * ```ts
   * import assert from "node:assert/strict";
   * import * as tf from "@tensorflow/tfjs-core";
   * import { useBackend } from "../backend/backends.ts";
   * import { AsgeNetwork } from "./asge_network.ts";
   * import { planNetwork } from "./network_plan.ts";
   * await useBackend("cpu");
   * const encoding = { alpha: 1, goodnessSite: "pre", goodnessReduction: "sum", projectionScale: 1,
   *   projectionCentering: false,
   *   fusion: "softmax" } as const;
   * const plan = planNetwork([{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
   *   encoding, [8, 8, 1], 3);
   * const net = new AsgeNetwork(plan, encoding, 1);
   * const out = net.predict(tf.zeros([2, 8, 8, 1]));
   * assert.deepEqual(out.logits.map((a) => a.shape), [[2, 3], [2, 3]]);
   * // goodness: C_l * P_l^2 = 4 * 2^2 and 8 * 1^2
   * assert.deepEqual(out.goodness.map((g) => g.shape), [[2, 16], [2, 8]]);
   * ```
   */
  constructor(plan: NetworkPlan, encoding: EncodingConfig, seed: number, learnedHead = false) {
    requireBackend("new AsgeNetwork()");
    this.plan = plan;
    this.encoding = encoding;
    const random = new SeededRandom(seed);
    const last = plan.blocks.length - 1;
    this.blocks = plan.blocks.map((shape, l) =>
      new AsgeBlock(shape, plan.numClasses, encoding, random.fork(), learnedHead && l === last)
    );
  }

  /** Trained parameters of every block. */
  get trainableParameters(): number {
    return this.blocks.reduce((sum, block) => sum + block.trainableParameters, 0);
  }

  /** Frozen parameters of every block. */
  get frozenParameters(): number {
    return this.blocks.reduce((sum, block) => sum + block.frozenParameters, 0);
  }

  /**
   * Runs blocks `0..upTo` (inclusive) and returns every block's logits and goodness; the caller disposes them.
   *
   * @param images Normalised images, [B, H, W, C] (NHWC).
   * @param upTo Last block to run (default: the last block).
   * @returns Logits and goodness of each block run.
   */
  predict(images: tf.Tensor4D, upTo = this.blocks.length - 1): NetworkOutputs {
    return tf.tidy(() => {
      const logits: tf.Tensor2D[] = [];
      const goodness: tf.Tensor2D[] = [];
      let x = images;
      for (const block of this.blocks.slice(0, upTo + 1)) {
        const out = block.forward(x);
        logits.push(out.logits);
        goodness.push(out.goodness);
        if (block.shape.index < upTo) x = stopGradient(block.next(out.features));
      }
      return { logits, goodness };
    });
  }

  /** Copies every weight out of the backend (for checkpoints and export). */
  async readWeights(): Promise<NetworkWeights> {
    const blocks = [];
    for (const block of this.blocks) blocks.push(await block.readWeights());
    return { blocks };
  }

  /**
   * Overwrites every weight, the frozen projections included, with saved values.
   *
   * @param weights Values from {@linkcode AsgeNetwork.readWeights}.
   */
  writeWeights(weights: NetworkWeights): void {
    if (weights.blocks.length !== this.blocks.length) {
      throw new RangeError(
        `weights hold ${weights.blocks.length} blocks, the network has ${this.blocks.length}`,
      );
    }
    this.blocks.forEach((block, i) => block.load(weights.blocks[i]));
  }

  /** Frees every tensor of the network. */
  dispose(): void {
    for (const block of this.blocks) block.dispose();
  }
}
