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
 * @example
 * ```ts
 * import { limitImages } from "./limit_images.ts";
 * const data = { images: new Uint8Array(8), labels: new Uint8Array(2), count: 2, height: 2, width: 2,
 *   channels: 1, numClasses: 2 };
 * console.log(limitImages(data, 1).count); // 1
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
