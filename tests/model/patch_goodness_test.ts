import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { useCpu } from "../_tf_cpu.ts";
import { patchGoodness } from "../../lib/model/patch_goodness.ts";
import type { GoodnessReduction } from "../../lib/config/run_config.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

await useCpu();

/**
 * The reference: ASGE's goodness read straight off its definition, one pixel at a time in float64.
 * g[b][(i * P + j) * C + c] = sum (or mean) of y[b, h, w, c]^2 over the pixels (h, w) of patch (i, j).
 */
function referenceGoodness(
  values: ArrayLike<number>,
  [batch, height, width, channels]: readonly number[],
  partition: number,
  reduction: GoodnessReduction,
): number[][] {
  const patchH = height / partition;
  const patchW = width / partition;
  const out: number[][] = [];
  for (let b = 0; b < batch; b++) {
    const g = new Array<number>(partition * partition * channels).fill(0);
    for (let h = 0; h < height; h++) {
      for (let w = 0; w < width; w++) {
        const patch = Math.floor(h / patchH) * partition + Math.floor(w / patchW);
        for (let c = 0; c < channels; c++) {
          const v = values[((b * height + h) * width + w) * channels + c];
          g[patch * channels + c] += v * v;
        }
      }
    }
    out.push(reduction === "mean" ? g.map((v) => v / (patchH * patchW)) : g);
  }
  return out;
}

function randomMap(shape: [number, number, number, number], seed: number): Float32Array {
  const random = new SeededRandom(seed);
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  // Non-negative like a ReLU output, with exact zeros in about a third of the places.
  for (let i = 0; i < values.length; i++) values[i] = Math.max(0, random.next() * 3 - 1);
  return values;
}

Deno.test("patchGoodness() sums the energy of each channel in each patch of a hand-made map", () => {
  // 4x4 map, 2 channels; channel 0 holds v = row*4 + col, channel 1 holds 1 everywhere.
  const values: number[] = [];
  for (let i = 0; i < 16; i++) values.push(i, 1);
  const y = tf.tensor4d(values, [1, 4, 4, 2]);
  const g = patchGoodness(y, 2, "sum").arraySync()[0];
  // patch (0,0) holds 0,1,4,5 -> 0+1+16+25 = 42; (0,1): 2,3,6,7 -> 98; (1,0): 8,9,12,13 -> 458; (1,1): 10,11,14,15 -> 642
  // layout (i, j, c): [p00c0, p00c1, p01c0, p01c1, p10c0, p10c1, p11c0, p11c1]
  assert.deepEqual(g, [42, 4, 98, 4, 458, 4, 642, 4]);
  assert.deepEqual(g, referenceGoodness(values, [1, 4, 4, 2], 2, "sum")[0]);
  const mean = patchGoodness(y, 2, "mean").arraySync()[0];
  assert.deepEqual(mean, g.map((v) => v / 4));
  const whole = patchGoodness(y, 1, "sum").arraySync()[0];
  assert.deepEqual(whole, [42 + 98 + 458 + 642, 16]);
  const pixels = patchGoodness(y, 4, "sum").arraySync()[0];
  assert.deepEqual(pixels, values.map((v) => v * v));
});

Deno.test("patchGoodness() puts patch (i, j) at row i, column j of the grid on a non-square map", () => {
  // 2x6 map, one channel, P = 2: patches are 1x3. Only the bottom-right patch is lit.
  const values = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3];
  const g = patchGoodness(tf.tensor4d(values, [1, 2, 6, 1]), 2, "sum").arraySync()[0];
  assert.deepEqual(g, [0, 0, 0, 14]);
});

Deno.test("patchGoodness() matches the reference loop for sums and means at every partition of the map", () => {
  const shape: [number, number, number, number] = [3, 12, 12, 5];
  const values = randomMap(shape, 7);
  const y = tf.tensor4d(values, shape);
  for (const partition of [1, 2, 3, 4, 6, 12]) {
    for (const reduction of ["sum", "mean"] as const) {
      const got = patchGoodness(y, partition, reduction).arraySync();
      const want = referenceGoodness(values, shape, partition, reduction);
      assert.equal(got.length, 3);
      assert.equal(got[0].length, partition * partition * 5, `P=${partition}: length`);
      for (let b = 0; b < got.length; b++) {
        for (let k = 0; k < want[b].length; k++) {
          const tolerance = 1e-5 * Math.max(1, Math.abs(want[b][k]));
          assert.ok(
            Math.abs(got[b][k] - want[b][k]) <= tolerance,
            `P=${partition} ${reduction}: g[${b}][${k}] = ${got[b][k]}, reference ${want[b][k]}`,
          );
        }
      }
    }
  }
});

Deno.test("patchGoodness() refuses a partition that does not divide the map", () => {
  assert.throws(
    () => patchGoodness(tf.zeros([1, 6, 6, 1]) as never, 4, "sum"),
    /partition 4 does not divide the 6x6 map/,
  );
  assert.throws(() => patchGoodness(tf.zeros([1, 6, 6, 1]) as never, 0, "sum"), /partition 0/);
});
