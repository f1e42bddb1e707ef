import assert from "node:assert/strict";
import { syntheticDataset } from "../../../datasets/synthetic/synthetic.ts";

const cifarShape = { height: 32, width: 32, channels: 3, numClasses: 10, trainCount: 200, testCount: 50 };

Deno.test("syntheticDataset() has the requested shape, balanced labels and matching normalisation", () => {
  const data = syntheticDataset({ ...cifarShape, name: "cifar10-standin" });
  assert.equal(data.name, "cifar10-standin");
  assert.equal(data.train.images.length, 200 * 32 * 32 * 3);
  assert.equal(data.test.count, 50);
  assert.equal(data.classNames.length, 10);
  const perClass = new Array(10).fill(0);
  for (const y of data.train.labels) perClass[y]++;
  assert.deepEqual(perClass, new Array(10).fill(20));
  assert.equal(data.normalization.mean.length, 3);
  assert.ok(data.normalization.std.every((s) => s > 0.02), `flat images: ${data.normalization.std}`);
});

Deno.test("syntheticDataset() is deterministic per seed", () => {
  const a = syntheticDataset({ ...cifarShape, seed: 3 });
  const b = syntheticDataset({ ...cifarShape, seed: 3 });
  const c = syntheticDataset({ ...cifarShape, seed: 4 });
  assert.deepEqual(a.train.images, b.train.images);
  assert.deepEqual(a.test.labels, b.test.labels);
  assert.notDeepEqual(a.train.images, c.train.images);
});

Deno.test("syntheticDataset() images of one class are closer to their class mean than to others'", () => {
  const data = syntheticDataset({ ...cifarShape, noise: 0.05 });
  const pixels = 32 * 32 * 3;
  const means = Array.from({ length: 10 }, () => new Float64Array(pixels));
  const counts = new Array(10).fill(0);
  data.train.labels.forEach((y, n) => {
    counts[y]++;
    for (let p = 0; p < pixels; p++) means[y][p] += data.train.images[n * pixels + p];
  });
  means.forEach((m, y) => m.forEach((_, p) => m[p] /= counts[y]));
  let nearest = 0;
  data.test.labels.forEach((y, n) => {
    const distance = (m: Float64Array) => {
      let d = 0;
      for (let p = 0; p < pixels; p++) d += (data.test.images[n * pixels + p] - m[p]) ** 2;
      return d;
    };
    const d = means.map(distance);
    if (d.indexOf(Math.min(...d)) === y) nearest++;
  });
  assert.ok(nearest / data.test.count > 0.8, `nearest class mean right for ${nearest} of ${data.test.count}`);
});

Deno.test("syntheticDataset() uses 16-bit labels beyond 256 classes (ImageNet's 1000)", () => {
  const data = syntheticDataset({ ...cifarShape, numClasses: 1000, trainCount: 1200, testCount: 10 });
  assert.ok(data.train.labels instanceof Uint16Array);
  assert.equal(Math.max(...data.train.labels), 999);
});

Deno.test("syntheticDataset() rejects bad shapes and class-name counts with the field's name", () => {
  assert.throws(() => syntheticDataset({ ...cifarShape, channels: 0 }), /channels is 0/);
  assert.throws(() => syntheticDataset({ ...cifarShape, trainCount: 1.5 }), /trainCount is 1.5/);
  assert.throws(() => syntheticDataset({ ...cifarShape, classNames: ["a"] }), /1 class names for 10 classes/);
});
