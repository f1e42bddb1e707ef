import assert from "node:assert/strict";
import { BatchBuilder } from "../../lib/data/batch_builder.ts";
import type { LabeledImages } from "../../lib/config/labeled_images.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

// Identity normalisation on the 0-255 scale: output * 255 is the pixel byte, so expected images read as bytes.
const IDENTITY3 = { mean: [0, 0, 0], std: [1, 1, 1] };
const bytesOf = (floats: Float32Array) => Array.from(floats, (v) => Math.round(v * 255));

/** A 2 x 3 RGB image whose every byte differs: pixel (y, x) channel c = 10 * (3y + x) + c + 1. */
const rgb: LabeledImages = {
  images: Uint8Array.from({ length: 18 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3) + 1),
  labels: new Uint8Array([4]),
  count: 1,
  height: 2,
  width: 3,
  channels: 3,
  numClasses: 5,
};
// The same image mirrored left-right: columns 2, 1, 0 of each row.
const MIRRORED = [21, 22, 23, 11, 12, 13, 1, 2, 3, 51, 52, 53, 41, 42, 43, 31, 32, 33];

Deno.test("BatchBuilder.build() flips a known image left-right, seeded, and leaves evaluation batches alone", () => {
  const builder = new BatchBuilder(rgb, IDENTITY3, { cropPadding: 0, horizontalFlip: true });
  assert.deepEqual(bytesOf(builder.build([0]).images), Array.from(rgb.images), "no random: no augmentation");
  const indices = new Array(64).fill(0);
  const batch = builder.build(indices, new SeededRandom(5));
  assert.deepEqual(Array.from(batch.labels), new Array(64).fill(4));
  let flipped = 0;
  for (let b = 0; b < 64; b++) {
    const image = bytesOf(batch.images.subarray(b * 18, (b + 1) * 18));
    if (image.join() === MIRRORED.join()) flipped++;
    else assert.deepEqual(image, Array.from(rgb.images), `image ${b} is neither the original nor its mirror`);
  }
  assert.ok(flipped > 16 && flipped < 48, `${flipped} of 64 flipped; expected about half`);
  assert.deepEqual(builder.build(indices, new SeededRandom(5)).images, batch.images, "same seed, same batch");
  assert.notDeepEqual(
    builder.build(indices, new SeededRandom(6)).images,
    batch.images,
    "other seed, other batch",
  );
});

Deno.test("BatchBuilder.build() crops a zero-padded image at every offset within the padding", () => {
  // 3 x 3 grey image 1..9; with padding 1 the crop shifts by dy, dx in -1..1 and fills with pixel value 0.
  const grey: LabeledImages = {
    images: Uint8Array.from({ length: 9 }, (_, i) => i + 1),
    labels: new Uint8Array([0]),
    count: 1,
    height: 3,
    width: 3,
    channels: 1,
    numClasses: 1,
  };
  const shifted = (dy: number, dx: number) =>
    Array.from({ length: 9 }, (_, i) => {
      const [y, x] = [Math.floor(i / 3) + dy, (i % 3) + dx];
      return y >= 0 && y < 3 && x >= 0 && x < 3 ? grey.images[y * 3 + x] : 0;
    });
  const candidates = new Map<string, string>();
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) candidates.set(shifted(dy, dx).join(), `${dy},${dx}`);
  }
  const builder = new BatchBuilder(grey, { mean: [0], std: [1] }, { cropPadding: 1, horizontalFlip: false });
  const batch = builder.build(new Array(200).fill(0), new SeededRandom(11));
  const seen = new Set<string>();
  for (let b = 0; b < 200; b++) {
    const image = bytesOf(batch.images.subarray(b * 9, (b + 1) * 9)).join();
    assert.ok(candidates.has(image), `image ${b} (${image}) is not a padded crop`);
    seen.add(candidates.get(image)!);
  }
  assert.equal(seen.size, 9, `offsets seen: ${[...seen].join(" ")}`);
});

Deno.test("BatchBuilder.build() with crop and flip mirrors first, then shifts, like RandomCrop + RandomHorizontalFlip", () => {
  const builder = new BatchBuilder(rgb, IDENTITY3, { cropPadding: 1, horizontalFlip: true });
  const batch = builder.build(new Array(100).fill(0), new SeededRandom(3));
  const at = (image: readonly number[], y: number, x: number) =>
    y >= 0 && y < 2 && x >= 0 && x < 3 ? image.slice((y * 3 + x) * 3, (y * 3 + x) * 3 + 3) : [0, 0, 0];
  const variant = (source: readonly number[], dy: number, dx: number) =>
    Array.from({ length: 6 }, (_, p) => at(source, Math.floor(p / 3) + dy, (p % 3) + dx)).flat();
  const allowed = new Set<string>();
  for (const source of [Array.from(rgb.images), MIRRORED]) {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) allowed.add(variant(source, dy, dx).join());
    }
  }
  const seen = new Set<string>();
  for (let b = 0; b < 100; b++) {
    const image = bytesOf(batch.images.subarray(b * 18, (b + 1) * 18)).join();
    assert.ok(allowed.has(image), `image ${b} is not a shifted original or mirror`);
    seen.add(image);
  }
  assert.ok(seen.size >= 12, `only ${seen.size} distinct variants in 100 draws`);
});

Deno.test("BatchBuilder with inputNormalization image: every image has zero mean and unit deviation", () => {
  const grey: LabeledImages = {
    images: new Uint8Array([0, 50, 100, 150, 10, 10, 10, 250]),
    labels: new Uint8Array([0, 1]),
    count: 2,
    height: 2,
    width: 2,
    channels: 1,
    numClasses: 2,
  };
  const none = { cropPadding: 0, horizontalFlip: false };
  const built = new BatchBuilder(grey, { mean: [0.3], std: [0.3] }, none, "image").build([0, 1]).images;
  for (const image of [built.subarray(0, 4), built.subarray(4, 8)]) {
    const mean = image.reduce((a, v) => a + v, 0) / 4;
    const variance = image.reduce((a, v) => a + (v - mean) ** 2, 0) / 4;
    assert.ok(Math.abs(mean) < 1e-5, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 1e-3, `variance ${variance}`);
  }
  // Per image, the dataset's mean and deviation do not matter; image 0 is 0, 50, 100, 150: (v - 75) / sd.
  const sd = Math.sqrt((75 ** 2 + 25 ** 2 + 25 ** 2 + 75 ** 2) / 4);
  assert.ok(Math.abs(built[0] - -75 / sd) < 1e-4);
  const dataset = new BatchBuilder(grey, { mean: [0.3], std: [0.3] }, none).build([0]).images;
  assert.ok(Math.abs(dataset[0] - (0 - 0.3) / 0.3) < 1e-6);
});
