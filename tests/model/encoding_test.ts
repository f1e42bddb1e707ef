import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { useCpu } from "../_tf_cpu.ts";
import { patchGoodness } from "../../lib/model/patch_goodness.ts";
import { rmsPool } from "../../lib/model/rms_pool.ts";
import { channelLayerNorm } from "../../lib/model/channel_layer_norm.ts";
import { stopGradient } from "../../lib/model/stop_gradient.ts";

await useCpu();

Deno.test("patchGoodness() sums the energy of each channel in each patch of a hand-made map", () => {
  // 4x4 map, 2 channels; channel 0 holds v = row*4 + col, channel 1 holds 1 everywhere.
  const values: number[] = [];
  for (let i = 0; i < 16; i++) values.push(i, 1);
  const y = tf.tensor4d(values, [1, 4, 4, 2]);
  const g = patchGoodness(y, 2, "sum").arraySync()[0];
  // patch (0,0) holds 0,1,4,5 -> 0+1+16+25 = 42; (0,1): 2,3,6,7 -> 98; (1,0): 8,9,12,13 -> 458; (1,1): 10,11,14,15 -> 642
  // layout (i, j, c): [p00c0, p00c1, p01c0, p01c1, p10c0, p10c1, p11c0, p11c1]
  assert.deepEqual(g, [42, 4, 98, 4, 458, 4, 642, 4]);
  const mean = patchGoodness(y, 2, "mean").arraySync()[0];
  assert.deepEqual(mean, g.map((v) => v / 4));
  const whole = patchGoodness(y, 1, "sum").arraySync()[0];
  assert.deepEqual(whole, [42 + 98 + 458 + 642, 16]);
});

Deno.test("patchGoodness() refuses a partition that does not divide the map", () => {
  assert.throws(
    () => patchGoodness(tf.zeros([1, 6, 6, 1]) as never, 4, "sum"),
    /does not divide the 6x6 map/,
  );
});

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
