import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { useCpu } from "../_tf_cpu.ts";
import { rmsPool } from "../../lib/model/rms_pool.ts";
import { channelLayerNorm } from "../../lib/model/channel_layer_norm.ts";
import { stopGradient } from "../../lib/model/stop_gradient.ts";

await useCpu();

Deno.test("rmsPool() keeps the energy of each window", () => {
  const x = tf.tensor4d([3, 4, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0], [1, 4, 4, 1]);
  const y = rmsPool(x, 2, 0).arraySync()[0];
  // windows: [3,4,0,0] -> sqrt(25/4)=2.5; [0,0,1,1] -> sqrt(0.5); [1,1,2,2] -> sqrt(2.5); [2,2,0,0] -> sqrt(2)
  const flat = y.flat(2);
  [2.5, Math.sqrt(0.5), Math.sqrt(2.5), Math.sqrt(2)].forEach((v, i) =>
    assert.ok(Math.abs(flat[i] - v) < 1e-5)
  );
});

Deno.test("channelLayerNorm() gives each pixel zero mean and unit variance over channels", () => {
  const x = tf.randomNormal([2, 3, 3, 8], 5, 3) as never;
  const y = channelLayerNorm(x);
  const { mean, variance } = tf.moments(y, 3);
  assert.ok(tf.max(tf.abs(mean)).dataSync()[0] < 1e-5);
  assert.ok(tf.max(tf.abs(tf.sub(variance, 1))).dataSync()[0] < 1e-3);
});

Deno.test("stopGradient() passes values and blocks gradients", () => {
  const x = tf.tensor1d([1, -2, 3]);
  assert.deepEqual(stopGradient(x).arraySync(), [1, -2, 3]);
  const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(stopGradient(v), v)))(x);
  // d/dv (sg(v) * v) = sg(v) only
  assert.deepEqual(g.arraySync(), [1, -2, 3]);
});
