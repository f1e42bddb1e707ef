/**
 * Per-channel mean and standard deviation of a set of images, as the loaders' hard-coded constants were computed.
 * @module
 */

import type { LabeledImages, Normalization } from "../lib/config/labeled_images.ts";

/**
 * Computes the mean and the (population) standard deviation of each channel over every pixel of every image,
 * on the 0-1 scale (pixel / 255). Used once per dataset to write its constants, and by tests to check them.
 *
 * @param images Images in NHWC order, channels interleaved.
 * @returns `mean` and `std`, one value per channel.
 * @example Two grey pixels, 0 and 255
 * ```ts
 * import { computeNormalization } from "./compute_normalization.ts";
 * const n = computeNormalization({
 *   images: new Uint8Array([0, 255]), labels: new Uint8Array([0, 0]),
 *   count: 2, height: 1, width: 1, channels: 1, numClasses: 1,
 * });
 * if (n.mean[0] !== 0.5 || n.std[0] !== 0.5) throw new Error(JSON.stringify(n));
 * ```
 */
export function computeNormalization(images: LabeledImages): Normalization {
  const c = images.channels;
  // Byte histograms per channel: exact integer sums, and fast (one increment per byte).
  const histograms = Array.from({ length: c }, () => new Float64Array(256));
  const pixels = images.images;
  if (c === 1) {
    const h = histograms[0];
    for (let i = 0; i < pixels.length; i++) h[pixels[i]]++;
  } else {
    for (let i = 0; i < pixels.length; i++) histograms[i % c][pixels[i]]++;
  }
  const mean: number[] = [];
  const std: number[] = [];
  for (const h of histograms) {
    let n = 0, sum = 0, squares = 0;
    for (let v = 0; v < 256; v++) {
      n += h[v];
      sum += h[v] * v;
      squares += h[v] * v * v;
    }
    const m = sum / n;
    mean.push(m / 255);
    std.push(Math.sqrt(Math.max(0, squares / n - m * m)) / 255);
  }
  return { mean, std };
}
