/**
 * The IDX format of MNIST and Fashion-MNIST: a big-endian header (magic, then one 32-bit size per dimension)
 * followed by unsigned bytes. Images have magic 2051 (3 dimensions), labels 2049 (1 dimension).
 * @module
 */

import type { LabeledImages } from "../../lib/config/labeled_images.ts";
import { DatasetFormatError } from "../dataset_errors.ts";

/** IDX magic number of an image file: unsigned bytes, 3 dimensions (count, rows, columns). */
export const IDX_IMAGES_MAGIC = 2051;
/** IDX magic number of a label file: unsigned bytes, 1 dimension (count). */
export const IDX_LABELS_MAGIC = 2049;

/** Grey images parsed from an IDX file. */
export interface IdxImages {
  /** Number of images. */
  readonly count: number;
  /** Rows per image. */
  readonly height: number;
  /** Columns per image. */
  readonly width: number;
  /** `count * height * width` bytes, row-major (a view into the file's bytes, no copy). */
  readonly pixels: Uint8Array;
}

function parseHeader(bytes: Uint8Array, file: string, magic: number, what: string): number[] {
  const dimsCount = magic & 0xff;
  const headerBytes = 4 + 4 * dimsCount;
  if (bytes.length < 4) {
    throw new DatasetFormatError(file, `file has ${bytes.length} of at least ${headerBytes} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0);
  if (found !== magic) {
    throw new DatasetFormatError(
      file,
      `magic number is ${found} (0x${
        found.toString(16).padStart(8, "0")
      }), expected ${magic} for IDX ${what}`,
      "check that the file is the right one (images and labels swapped?) or run with --redownload",
    );
  }
  if (bytes.length < headerBytes) {
    throw new DatasetFormatError(file, `file has ${bytes.length} of at least ${headerBytes} header bytes`);
  }
  const dims = Array.from({ length: dimsCount }, (_, i) => view.getUint32(4 + 4 * i));
  const expected = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected) {
    throw new DatasetFormatError(
      file,
      `file has ${bytes.length} of ${expected} bytes (header: ${dims.join(" x ")})`,
    );
  }
  return dims;
}

/**
 * Parses an uncompressed IDX image file (magic 2051).
 *
 * @param bytes The decompressed file content.
 * @param file The file's name, for errors.
 * @returns Count, height, width and a view of the pixels.
 * @throws DatasetFormatError on a wrong magic number or a size that does not match the header.
 * @example Two 1x2 images
 * ```ts
 * import { parseIdxImages } from "./idx.ts";
 * const bytes = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 10, 20, 30, 40]);
 * const images = parseIdxImages(bytes, "tiny");
 * if (images.count !== 2 || images.pixels[3] !== 40) throw new Error("bad parse");
 * ```
 */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const [count, height, width] = parseHeader(bytes, file, IDX_IMAGES_MAGIC, "images");
  return { count, height, width, pixels: bytes.subarray(16) };
}

/**
 * Parses an uncompressed IDX label file (magic 2049).
 *
 * @param bytes The decompressed file content.
 * @param file The file's name, for errors.
 * @returns The labels (a view into `bytes`, no copy).
 * @throws DatasetFormatError on a wrong magic number or a size that does not match the header.
 */
export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
  parseHeader(bytes, file, IDX_LABELS_MAGIC, "labels");
  return bytes.subarray(8);
}

/**
 * Pairs parsed images and labels into the trainer's {@linkcode LabeledImages} (1 channel).
 *
 * @param images Parsed images.
 * @param labels Parsed labels, one per image.
 * @param numClasses N; every label must be below it.
 * @param files `[imagesFile, labelsFile]` names, for errors.
 * @returns The labelled images, sharing memory with the inputs.
 * @throws DatasetFormatError when the counts differ or a label is out of range.
 */
export function pairIdx(
  images: IdxImages,
  labels: Uint8Array,
  numClasses: number,
  files: readonly [string, string],
): LabeledImages {
  if (images.count !== labels.length) {
    throw new DatasetFormatError(
      files[1],
      `holds ${labels.length} labels but "${files[0]}" holds ${images.count} images`,
      "the two files come from different releases; replace both or run with --redownload",
    );
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= numClasses) {
      throw new DatasetFormatError(files[1], `label ${i} is ${labels[i]}, expected 0..${numClasses - 1}`);
    }
  }
  return {
    images: images.pixels,
    labels,
    count: images.count,
    height: images.height,
    width: images.width,
    channels: 1,
    numClasses,
  };
}
