/**
 * The stop-gradient between blocks: what makes ASGE free of backpropagation across blocks.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

const detachOp = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.clone(inputs[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.zerosLike(dy as tf.Tensor),
}));

/**
 * Returns a copy of `x` through which no gradient flows: the gradient with respect to anything `x` was
 * computed from is exactly zero.
 *
 * @param x Any tensor.
 * @returns A tensor equal to `x`, detached from the gradient tape.
 * @example The gradient stops here
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { useBackend } from "../backend/backends.ts";
 * import { stopGradient } from "./stop_gradient.ts";
 * await useBackend("cpu");
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(stopGradient(x))))(tf.tensor1d([1, 2]));
 * assert.deepEqual(g.arraySync(), [0, 0]);
 * ```
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return detachOp(x) as T;
}
