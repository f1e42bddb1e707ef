import assert from "node:assert/strict";
import { selectImages } from "../../lib/data/select_images.ts";

const data = {
  images: Uint8Array.from({ length: 3 * 2 * 2 * 3 }, (_, i) => i),
  labels: new Uint16Array([7, 300, 5]),
  count: 3,
  height: 2,
  width: 2,
  channels: 3,
  numClasses: 1000,
};

Deno.test("selectImages() copies the chosen images and labels in order, keeping the label type", () => {
  const picked = selectImages(data, [2, 0, 2]);
  assert.equal(picked.count, 3);
  assert.ok(picked.labels instanceof Uint16Array);
  assert.deepEqual(Array.from(picked.labels), [5, 7, 5]);
  assert.deepEqual(Array.from(picked.images.subarray(0, 12)), Array.from(data.images.subarray(24, 36)));
  assert.deepEqual(Array.from(picked.images.subarray(12, 24)), Array.from(data.images.subarray(0, 12)));
  assert.equal(picked.numClasses, 1000);
  picked.images[0] = 255;
  assert.equal(data.images[24], 24, "the source must not change");
});

Deno.test("selectImages() rejects an index outside the set", () => {
  assert.throws(() => selectImages(data, [0, 3]), /index 3 \(position 1\) is outside the 3 images/);
});
