/**
 * Cutting a set of images down to its first few, for quick checks (config `limit`).
 * @module
 */
import type { LabeledImages } from "../config/labeled_images.ts";

/**
 * Returns a view of the first `count` images (no copy); the whole set when `count` is 0 or larger than it.
 *
 * @param data The images.
 * @param count How many to keep; 0 keeps all.
 * @returns The same or a shorter view.
 * @example Keep the first of two images
 * ```ts
 * import assert from "node:assert/strict";
 * import { limitImages } from "./limit_images.ts";
 * const data = { images: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), labels: new Uint8Array([0, 1]), count: 2,
 *   height: 2, width: 2, channels: 1, numClasses: 2 };
 * const first = limitImages(data, 1);
 * assert.equal(first.count, 1);
 * assert.deepEqual(Array.from(first.images), [1, 2, 3, 4]);
 * assert.deepEqual(Array.from(first.labels), [0]);
 * ```
 */
export function limitImages(data: LabeledImages, count: number): LabeledImages {
  if (count <= 0 || count >= data.count) return data;
  const pixels = data.height * data.width * data.channels;
  return {
    ...data,
    images: data.images.subarray(0, count * pixels),
    labels: data.labels.subarray(0, count),
    count,
  };
}
