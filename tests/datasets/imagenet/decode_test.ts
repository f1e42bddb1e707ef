import assert from "node:assert/strict";
import { DatasetFormatError } from "../../../datasets/dataset_errors.ts";
import { imageDecoder, loadSharp } from "../../../datasets/imagenet/decode.ts";
import { solidImage } from "../_imagenet_files.ts";

const near = (actual: ArrayLike<number>, expected: readonly number[], tolerance: number) =>
  Array.from(actual).every((v, i) => Math.abs(v - expected[i % expected.length]) <= tolerance);

Deno.test("imageDecoder() resizes the shorter side and keeps the centre square", async () => {
  const sharp = await loadSharp();
  // 90 x 30: blue | red | blue in thirds. Resizing the height to 12 and cropping 12 x 12 keeps only red.
  const width = 90, height = 30;
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      pixels.set(x >= 30 && x < 60 ? [255, 0, 0] : [0, 0, 255], (y * width + x) * 3);
    }
  }
  const png = await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
  const square = await imageDecoder(12)(new Uint8Array(png), "thirds.png");
  assert.equal(square.length, 12 * 12 * 3);
  // Lanczos rings near the colour edges: the centre columns are pure red, the border columns nearly so.
  for (let y = 0; y < 12; y++) {
    for (const x of [3, 6, 8]) {
      assert.ok(near(square.subarray((y * 12 + x) * 3, (y * 12 + x + 1) * 3), [255, 0, 0], 8));
    }
  }
});

Deno.test("imageDecoder() gives 3 channels for greyscale and PNG images and keeps a solid colour", async () => {
  const sharp = await loadSharp();
  const grey = await sharp(new Uint8Array(20 * 10).fill(90), { raw: { width: 20, height: 10, channels: 1 } })
    .jpeg()
    .toBuffer();
  assert.ok(near(await imageDecoder(8)(new Uint8Array(grey), "grey.JPEG"), [90, 90, 90], 3));
  const colour = [200, 40, 120] as const;
  assert.ok(near(await imageDecoder(16)(await solidImage(colour, 31, 47, "png"), "c.png"), colour, 0));
  assert.ok(near(await imageDecoder(16)(await solidImage(colour, 31, 47), "c.JPEG"), colour, 6));
});

Deno.test("imageDecoder() names the image it cannot decode", async () => {
  await assert.rejects(
    imageDecoder(8)(new TextEncoder().encode("not a jpeg at all"), "train.tar: n01440764/bad.JPEG"),
    (e) =>
      e instanceof DatasetFormatError &&
      e.message.startsWith(`Cannot read "train.tar: n01440764/bad.JPEG": cannot be decoded`),
  );
});
