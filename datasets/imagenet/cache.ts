/**
 * The packed ImageNet cache: per split and image size one folder `<cacheDir>/imagenet/<S>px/<split>/` holding
 * `images.u8` (count x S x S x 3 bytes, NHWC, RGB), `labels.u16` (little-endian class indices) and `header.json`.
 * A build happens in `<split>.partial/` and becomes `<split>/` by one rename once complete, so a folder named
 * `<split>` is always a complete cache; `header.json` is checked against the file sizes on every load.
 * @module
 */

import { join } from "node:path";
import { statIfExists } from "../../lib/util/file_exists.ts";
import type { LabeledImages } from "../../lib/config/labeled_images.ts";
import { DatasetFormatError } from "../dataset_errors.ts";

/** The format tag every header carries. */
export const CACHE_FORMAT = "asge-imagenet-cache-1";

/** What `header.json` records. */
export interface ImagenetCacheHeader {
  /** Always {@linkcode CACHE_FORMAT}. */
  readonly format: typeof CACHE_FORMAT;
  /** `"train"` or `"val"`. */
  readonly split: "train" | "val";
  /** Number of images. */
  readonly count: number;
  /** Side S of the square images. */
  readonly imageSize: number;
  /** The class wnids, sorted; labels index into it. */
  readonly wnids: readonly string[];
  /** Class names, index-aligned with `wnids`. */
  readonly classNames: readonly string[];
  /** sha256 of the source list (names, sizes, labels), see `imageListChecksum`. */
  readonly sourceChecksum: string;
  /** The folder or archive the images were read from. */
  readonly source: string;
  /** The data folder the user gave (absolute); a later load from the same folder trusts this cache. */
  readonly dataDir: string;
  /** How the images were made smaller. */
  readonly transform: string;
  /** ISO time the build finished. */
  readonly builtAt: string;
}

/** The transform every cache applies, recorded in its header. */
export const CACHE_TRANSFORM = "resize the shorter side to S (sharp, lanczos3), then crop the centre S x S";

/** File and folder names of one split's cache. */
export function cachePaths(cacheRoot: string, split: "train" | "val", imageSize: number): {
  dir: string;
  partial: string;
  images: string;
  labels: string;
  header: string;
} {
  const base = join(cacheRoot, "imagenet", `${imageSize}px`);
  const dir = join(base, split);
  return {
    dir,
    partial: join(base, `${split}.partial`),
    images: join(dir, "images.u8"),
    labels: join(dir, "labels.u16"),
    header: join(dir, "header.json"),
  };
}

async function sizeOf(path: string): Promise<number | undefined> {
  return (await statIfExists(path))?.size;
}

/**
 * Reads a complete cache's header, checking that the data files have the sizes it promises.
 *
 * @param cacheRoot The cache folder (`imagenet/` goes inside).
 * @param split The split.
 * @param imageSize The side S.
 * @returns The header, or `undefined` when there is no complete cache for this split and size.
 * @throws DatasetFormatError when the folder exists but its files disagree with the header (a damaged cache
 *   is never used; the message says to delete it).
 */
export async function readCacheHeader(
  cacheRoot: string,
  split: "train" | "val",
  imageSize: number,
): Promise<ImagenetCacheHeader | undefined> {
  const paths = cachePaths(cacheRoot, split, imageSize);
  let header: ImagenetCacheHeader;
  try {
    header = JSON.parse(await Deno.readTextFile(paths.header));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound && (await sizeOf(paths.dir)) === undefined) return undefined;
    throw new DatasetFormatError(
      paths.header,
      `is not a readable cache header (${(error as Error).message})`,
      fix(paths.dir),
    );
  }
  if (header.format !== CACHE_FORMAT || header.split !== split || header.imageSize !== imageSize) {
    throw new DatasetFormatError(
      paths.header,
      `is not a ${imageSize}px ${split} cache of this asge version`,
      fix(paths.dir),
    );
  }
  const pixels = imageSize * imageSize * 3;
  for (
    const [path, want] of [[paths.images, header.count * pixels], [paths.labels, header.count * 2]] as const
  ) {
    const size = await sizeOf(path);
    if (size !== want) {
      throw new DatasetFormatError(
        path,
        `has ${size ?? "no"} bytes, the header promises ${want}`,
        fix(paths.dir),
      );
    }
  }
  return header;
}

function fix(dir: string): string {
  return `delete the folder "${dir}" and run again with --data-dir to rebuild it`;
}

/**
 * Loads a complete cache into memory, placing image `i` of the file at position `order[i]`.
 *
 * @param cacheRoot The cache folder.
 * @param header The split's header (from {@linkcode readCacheHeader}).
 * @param order A permutation of `0..count-1`, or `undefined` to keep file order.
 * @param signal Cancels loading between chunks.
 * @returns The images, NHWC RGB, with Uint16 labels.
 */
export async function loadCache(
  cacheRoot: string,
  header: ImagenetCacheHeader,
  order?: Uint32Array,
  signal?: AbortSignal,
): Promise<LabeledImages> {
  const paths = cachePaths(cacheRoot, header.split, header.imageSize);
  const pixels = header.imageSize * header.imageSize * 3;
  const { count } = header;
  const images = new Uint8Array(count * pixels);
  const stored = await Deno.readFile(paths.labels);
  const storedLabels = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  const labels = new Uint16Array(count);
  for (let i = 0; i < count; i++) labels[order ? order[i] : i] = storedLabels.getUint16(2 * i, true);
  using file = await Deno.open(paths.images, { read: true });
  const chunkImages = Math.max(1, Math.floor((8 << 20) / pixels));
  const chunk = new Uint8Array(chunkImages * pixels);
  for (let first = 0; first < count; first += chunkImages) {
    signal?.throwIfAborted();
    const n = Math.min(chunkImages, count - first);
    const target = order
      ? chunk.subarray(0, n * pixels)
      : images.subarray(first * pixels, (first + n) * pixels);
    for (let filled = 0; filled < target.length;) {
      const read = await file.read(target.subarray(filled));
      if (read === null) {
        throw new DatasetFormatError(paths.images, `ends early at image ${first}`, fix(paths.dir));
      }
      filled += read;
    }
    if (order) {
      for (let j = 0; j < n; j++) {
        images.set(target.subarray(j * pixels, (j + 1) * pixels), order[first + j] * pixels);
      }
    }
  }
  for (let i = 0; i < count; i++) {
    if (labels[i] >= header.wnids.length) {
      throw new DatasetFormatError(
        paths.labels,
        `holds label ${labels[i]} >= ${header.wnids.length} classes`,
        fix(paths.dir),
      );
    }
  }
  return {
    images,
    labels,
    count,
    height: header.imageSize,
    width: header.imageSize,
    channels: 3,
    numClasses: header.wnids.length,
  };
}
