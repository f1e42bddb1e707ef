import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { useCpu } from "../_tf_cpu.ts";
import { fuseLogits, selectBestBlock } from "../../lib/prediction/strategies.ts";

await useCpu();

const softmax = (row: readonly number[]) => {
  const top = Math.max(...row);
  const e = row.map((v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};

function assertClose(got: number[][], want: number[][], what: string): void {
  assert.equal(got.length, want.length, `${what}: rows`);
  got.forEach((row, i) =>
    row.forEach((v, j) =>
      assert.ok(Math.abs(v - want[i][j]) < 1e-6, `${what}[${i}][${j}] = ${v}, want ${want[i][j]}`)
    )
  );
}

// Three blocks, two images, three classes. On image 0 block 1 is very sure of class 0 and blocks 2 and 3 lean
// to class 1: summed logits pick class 0, summed probabilities class 1. Image 1 is the same for every rule.
const LOGITS = [
  [[10, 0, 0], [0, 0, 5]],
  [[0, 3, 0], [1, 0, 4]],
  [[0, 3, 0], [0, 1, 6]],
];
const tensors = () => LOGITS.map((rows) => tf.tensor2d(rows));

Deno.test("fuseLogits() softmax sums each block's probabilities", () => {
  const blocks = tensors();
  const scores = fuseLogits(blocks, "softmax");
  const want = [0, 1].map((i) =>
    [0, 1, 2].map((c) => LOGITS.reduce((s, block) => s + softmax(block[i])[c], 0))
  );
  assertClose(scores.arraySync(), want, "softmax");
  assert.deepEqual(Array.from(scores.argMax(1).dataSync()), [1, 2]);
  tf.dispose([blocks, scores]);
});

Deno.test("fuseLogits() logits sums the raw logits", () => {
  const blocks = tensors();
  const scores = fuseLogits(blocks, "logits");
  assert.deepEqual(scores.arraySync(), [[10, 6, 0], [1, 1, 15]]);
  assert.deepEqual(Array.from(scores.argMax(1).dataSync()), [0, 2]);
  tf.dispose([blocks, scores]);
});

Deno.test("fuseLogits() weighted scales each block's probabilities by its weight", () => {
  const blocks = tensors();
  const weights = [0.9, 0.2, 0.3];
  const scores = fuseLogits(blocks, "weighted", weights);
  const want = [0, 1].map((i) =>
    [0, 1, 2].map((c) => LOGITS.reduce((s, block, l) => s + weights[l] * softmax(block[i])[c], 0))
  );
  assertClose(scores.arraySync(), want, "weighted");
  assert.deepEqual(
    Array.from(scores.argMax(1).dataSync()),
    [0, 2],
    "trusting block 1 more turns image 0 round",
  );
  const equal = fuseLogits(blocks, "weighted");
  assertClose(equal.arraySync(), fuseLogits(blocks, "softmax").arraySync(), "weighted without weights");
  tf.dispose([blocks, scores, equal]);
});

Deno.test("fuseLogits() leaves no tensors behind and refuses mismatched weights or no blocks", () => {
  const blocks = tensors();
  const before = tf.memory().numTensors;
  for (const mode of ["softmax", "logits", "weighted"] as const) {
    fuseLogits(blocks, mode, [1, 1, 1]).dispose();
  }
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => fuseLogits(blocks, "weighted", [1, 1]), /2 weights for 3 blocks/);
  assert.throws(() => fuseLogits([], "softmax"), /no blocks to fuse/);
  tf.dispose(blocks);
});

Deno.test("selectBestBlock() picks the highest validation accuracy, the earliest block on ties", () => {
  assert.equal(selectBestBlock([0.8, 0.9, 0.9]), 1);
  assert.equal(selectBestBlock([0.5, 0.4, 0.7, 0.6]), 2);
  assert.equal(selectBestBlock([0.3, 0.3]), 0);
  assert.equal(selectBestBlock([0.95]), 0);
});
