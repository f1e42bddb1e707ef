/**
 * Dropout on a block's input while it trains (r, `encoding.dropout`): a regulariser for blocks that overfit.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { SeededRandom } from "../util/seeded_random.ts";

/**
 * Inverted dropout with masks from a seeded generator: every input value is kept with probability `1 - rate`
 * and scaled by `1 / (1 - rate)`, so a block sees inputs of the same mean in training and at inference (where
 * nothing is dropped). The masks come from the block's own stream, so one seed gives one run; a resumed run
 * starts the stream again from its first mask (its masks differ from an uninterrupted run's, their statistics
 * do not).
 */
export class InputDropout {
  /** Fraction of input values dropped, in [0, 1). */
  readonly rate: number;
  readonly #random: SeededRandom;

  /**
   * Creates an {@linkcode InputDropout}.
   * @param rate Fraction dropped, in [0, 1).
   * @param random The block's generator (forked, so the block's other draws do not move).
   * @example Half the values of a constant input are dropped, the rest doubled
   * ```ts
   * import * as tf from "@tensorflow/tfjs-core";
   * import { useBackend } from "../backend/backends.ts";
   * import { SeededRandom } from "../util/seeded_random.ts";
   * import { InputDropout } from "./input_dropout.ts";
   * await useBackend("cpu");
   * const out = new InputDropout(0.5, new SeededRandom(1)).apply(tf.ones([1, 20, 20, 5])).dataSync();
   * const kept = out.filter((v) => v !== 0);
   * if (kept.some((v) => v !== 2) || Math.abs(kept.length / out.length - 0.5) > 0.1) throw new Error("dropout");
   * ```
   */
  constructor(rate: number, random: SeededRandom) {
    if (!(rate >= 0 && rate < 1)) throw new RangeError(`dropout rate must be in [0, 1), got ${rate}`);
    this.rate = rate;
    this.#random = random.fork();
  }

  /**
   * x with a fresh mask applied (a new tensor; the caller disposes it).
   *
   * @param x A block's input, [B, H, W, C].
   * @returns The dropped-out input, same shape.
   */
  apply(x: tf.Tensor4D): tf.Tensor4D {
    const mask = new Float32Array(x.size);
    const keep = 1 / (1 - this.rate);
    for (let i = 0; i < mask.length; i++) mask[i] = this.#random.next() < this.rate ? 0 : keep;
    return tf.tidy(() => tf.mul(x, tf.tensor4d(mask, x.shape)));
  }
}
