import assert from "node:assert/strict";
import { pairIdx, parseIdxImages, parseIdxLabels } from "../../../datasets/formats/idx.ts";
import { gunzipIfNeeded, isGzip } from "../../../datasets/formats/gunzip_if_needed.ts";
import { DatasetFormatError } from "../../../datasets/dataset_errors.ts";
import { gzip, idxImages, idxLabels } from "../_dataset_files.ts";

const pixel = (n: number, y: number, x: number) => (n * 31 + y * 7 + x) % 256;
const rawImages = idxImages(3, 4, 5, pixel);
const rawLabels = idxLabels([2, 0, 9]);

Deno.test("parseIdxImages() reads count, size and every pixel, gzipped or not", () => {
  for (const bytes of [rawImages, gunzipIfNeeded(gzip(rawImages), "x.gz")]) {
    const images = parseIdxImages(bytes, "images");
    assert.deepEqual([images.count, images.height, images.width], [3, 4, 5]);
    assert.equal(images.pixels.length, 60);
    // Image 2, row 3, column 4 sits at 2*20 + 3*5 + 4.
    assert.equal(images.pixels[2 * 20 + 3 * 5 + 4], pixel(2, 3, 4));
    assert.equal(images.pixels[0], 0);
  }
});

Deno.test("parseIdxLabels() reads the labels", () => {
  assert.deepEqual([...parseIdxLabels(rawLabels, "labels")], [2, 0, 9]);
});

Deno.test("parseIdxImages() rejects a label file with both magic numbers in the message", () => {
  assert.throws(() => parseIdxImages(rawLabels, "t10k-labels-idx1-ubyte"), (error: Error) => {
    assert.ok(error instanceof DatasetFormatError);
    assert.match(
      error.message,
      /"t10k-labels-idx1-ubyte": magic number is 2049 \(0x00000801\), expected 2051/,
    );
    return true;
  });
});

Deno.test("parseIdxImages() reports a truncated file with the bytes it has and expects", () => {
  assert.throws(
    () => parseIdxImages(rawImages.subarray(0, 50), "train-images-idx3-ubyte"),
    /Cannot read "train-images-idx3-ubyte": file has 50 of 76 bytes \(header: 3 x 4 x 5\)/,
  );
  assert.throws(() => parseIdxLabels(rawLabels.subarray(0, 6), "l"), /file has 6 of at least 8 header bytes/);
});

Deno.test("pairIdx() rejects different image and label counts, and labels out of range", () => {
  const images = parseIdxImages(rawImages, "images");
  assert.throws(
    () => pairIdx(images, parseIdxLabels(idxLabels([1, 2]), "labels"), 10, ["images", "labels"]),
    /"labels": holds 2 labels but "images" holds 3 images/,
  );
  assert.throws(
    () => pairIdx(images, parseIdxLabels(rawLabels, "labels"), 5, ["images", "labels"]),
    /label 2 is 9, expected 0\.\.4/,
  );
  const set = pairIdx(images, parseIdxLabels(rawLabels, "labels"), 10, ["images", "labels"]);
  assert.deepEqual([set.count, set.height, set.width, set.channels, set.numClasses], [3, 4, 5, 1, 10]);
});

Deno.test("gunzipIfNeeded() passes raw bytes through and reports cut-short gzip data", () => {
  assert.equal(gunzipIfNeeded(rawImages, "raw"), rawImages);
  const gz = gzip(rawImages);
  assert.ok(isGzip(gz) && !isGzip(rawImages));
  assert.throws(
    () => gunzipIfNeeded(gz.subarray(0, 30), "a.gz"),
    /"a\.gz": gzip data is damaged or cut short/,
  );
});
