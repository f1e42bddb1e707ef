/**
 * The CIFAR binary record format: label byte(s), then a 32x32 colour image stored planar (1024 red bytes,
 * 1024 green, 1024 blue, each row-major). Records are turned into NHWC with interleaved RGB.
 * @module
 */

import type { LabeledImages } from "../../lib/config/labeled_images.ts";
import { DatasetFormatError } from "../dataset_errors.ts";

/** Side of a CIFAR image in pixels. */
export const CIFAR_SIDE = 32;
const PLANE = CIFAR_SIDE * CIFAR_SIDE;
const IMAGE_BYTES = 3 * PLANE;

/** How to read the label of a record. */
export interface CifarRecordLayout {
  /** Label bytes before the pixels: 1 for CIFAR-10, 2 (coarse, fine) for CIFAR-100. */
  readonly labelBytes: number;
  /** Which label byte is the class: 0 for CIFAR-10, 1 (fine) for CIFAR-100. */
  readonly labelIndex: number;
  /** N; every label must be below it. */
  readonly numClasses: number;
}

/**
 * Parses one or more CIFAR binary files (e.g. the five training batches) into one set of images, in file order.
 *
 * @param files Each file's name (for errors) and bytes.
 * @param layout Label bytes, which one is the class, and N.
 * @returns NHWC images, `count x 32 x 32 x 3`, RGB interleaved, and Uint8 labels.
 * @throws DatasetFormatError when a file is not a whole number of records or a label is out of range.
 * @example One record: red 255 at pixel (0, 0), label 7
 * ```ts
 * import { parseCifarRecords } from "./cifar_records.ts";
 * const record = new Uint8Array(1 + 3072);
 * record[0] = 7;
 * record[1] = 255;
 * const set = parseCifarRecords([{ name: "one.bin", bytes: record }], { labelBytes: 1, labelIndex: 0, numClasses: 10 });
 * if (set.labels[0] !== 7 || set.images[0] !== 255 || set.images[1] !== 0) throw new Error("bad parse");
 * ```
 */
export function parseCifarRecords(
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  layout: CifarRecordLayout,
): LabeledImages {
  const recordBytes = layout.labelBytes + IMAGE_BYTES;
  let count = 0;
  for (const { name, bytes } of files) {
    if (bytes.length === 0 || bytes.length % recordBytes !== 0) {
      const whole = Math.floor(bytes.length / recordBytes);
      throw new DatasetFormatError(
        name,
        `file has ${bytes.length} bytes, not a whole number of ${recordBytes}-byte records ` +
          `(${whole} records and ${bytes.length - whole * recordBytes} bytes)`,
      );
    }
    count += bytes.length / recordBytes;
  }
  const images = new Uint8Array(count * IMAGE_BYTES);
  const labels = new Uint8Array(count);
  let n = 0;
  for (const { name, bytes } of files) {
    const records = bytes.length / recordBytes;
    for (let r = 0; r < records; r++, n++) {
      const base = r * recordBytes;
      const label = bytes[base + layout.labelIndex];
      if (label >= layout.numClasses) {
        throw new DatasetFormatError(
          name,
          `record ${r} has label ${label}, expected 0..${layout.numClasses - 1}`,
        );
      }
      labels[n] = label;
      const red = base + layout.labelBytes;
      const out = n * IMAGE_BYTES;
      for (let p = 0, o = out; p < PLANE; p++, o += 3) {
        images[o] = bytes[red + p];
        images[o + 1] = bytes[red + PLANE + p];
        images[o + 2] = bytes[red + 2 * PLANE + p];
      }
    }
  }
  return {
    images,
    labels,
    count,
    height: CIFAR_SIDE,
    width: CIFAR_SIDE,
    channels: 3,
    numClasses: layout.numClasses,
  };
}
