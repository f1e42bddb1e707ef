/**
 * Picking some images of a set by index, e.g. the misclassified ones, into a set of their own.
 * @module
 */
import type { LabeledImages } from "../config/labeled_images.ts";

/**
 * Copies the images at `indices` (in that order) and their labels into a new set of the same shape.
 *
 * @param data The images (NHWC bytes).
 * @param indices Which images, each in `[0, data.count)`; repeats are allowed.
 * @returns A new `LabeledImages` with `indices.length` images.
 * @example Keep the second and first image
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectImages } from "./select_images.ts";
 * const data = { images: new Uint8Array([1, 2, 3, 4]), labels: new Uint8Array([0, 1]), count: 2, height: 1,
 *   width: 2, channels: 1, numClasses: 2 };
 * const swapped = selectImages(data, [1, 0]);
 * assert.deepEqual(Array.from(swapped.images), [3, 4, 1, 2]);
 * assert.deepEqual(Array.from(swapped.labels), [1, 0]);
 * ```
 */
export function selectImages(data: LabeledImages, indices: ArrayLike<number>): LabeledImages {
  const pixels = data.height * data.width * data.channels;
  const images = new Uint8Array(indices.length * pixels);
  const labels = new (data.labels.constructor as Uint8ArrayConstructor | Uint16ArrayConstructor)(
    indices.length,
  );
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (!Number.isInteger(index) || index < 0 || index >= data.count) {
      throw new RangeError(
        `selectImages(): index ${index} (position ${i}) is outside the ${data.count} images; pass indices in ` +
          `[0, ${data.count})`,
      );
    }
    images.set(data.images.subarray(index * pixels, (index + 1) * pixels), i * pixels);
    labels[i] = data.labels[index];
  }
  return { ...data, images, labels, count: indices.length };
}
