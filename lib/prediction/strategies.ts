/**
 * The three prediction strategies of ASGE v2: Last, Fusion and Best.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { FusionMode } from "../config/run_config.ts";

/**
 * Fuses every block's logits into one score per class (r): `"softmax"` sums softmax(a_l) (default), `"logits"`
 * sums a_l, `"weighted"` sums w_l * softmax(a_l) with the given weights (e.g. validation accuracies).
 *
 * @param logits a_l per block, each [B, N].
 * @param mode Fusion rule (config `encoding.fusion`).
 * @param weights One weight per block, for `"weighted"` (default: equal).
 * @returns Scores [B, N]; their argmax is the Fusion prediction.
 * @throws {RangeError} When there are no blocks, or `weights` does not hold one weight per block.
 * @example Two blocks that disagree
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { useBackend } from "../backend/backends.ts";
 * import { fuseLogits } from "./strategies.ts";
 * await useBackend("cpu");
 * const blocks = [tf.tensor2d([[4, 0]]), tf.tensor2d([[0, 1]])];
 * // block 1 is sure of class 0 (p = 0.98), block 2 leans to class 1 (p = 0.73): the sure one wins
 * assert.equal(fuseLogits(blocks, "softmax").argMax(1).dataSync()[0], 0);
 * // trusting block 2 five times more than block 1 turns it round
 * assert.equal(fuseLogits(blocks, "weighted", [0.2, 1]).argMax(1).dataSync()[0], 1);
 * ```
 */
export function fuseLogits(
  logits: tf.Tensor2D[],
  mode: FusionMode,
  weights?: readonly number[],
): tf.Tensor2D {
  if (logits.length === 0) {
    throw new RangeError("fuseLogits: no blocks to fuse; pass one logits tensor per block");
  }
  if (mode === "weighted" && weights && weights.length !== logits.length) {
    throw new RangeError(
      `fuseLogits: ${weights.length} weights for ${logits.length} blocks; pass one weight per block`,
    );
  }
  return tf.tidy(() => {
    const terms = logits.map((a, l) => {
      if (mode === "logits") return a;
      const p = tf.softmax(a);
      return mode === "weighted" && weights ? tf.mul(p, weights[l]) : p;
    });
    return tf.addN(terms) as tf.Tensor2D;
  });
}

/**
 * Picks the block Best uses: the highest validation accuracy, the earliest block on ties (fewer parameters).
 *
 * @param validationAccuracy Per block, accuracy on the validation split.
 * @returns 0-based block index.
 * @example The earlier of two equally good blocks
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectBestBlock } from "./strategies.ts";
 * assert.equal(selectBestBlock([0.8, 0.9, 0.9]), 1);
 * ```
 */
export function selectBestBlock(validationAccuracy: readonly number[]): number {
  let best = 0;
  validationAccuracy.forEach((a, l) => {
    if (a > validationAccuracy[best]) best = l;
  });
  return best;
}
