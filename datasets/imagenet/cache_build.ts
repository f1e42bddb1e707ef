/**
 * Builds one split's packed ImageNet cache: decodes and resizes every image (several at once), appends them in
 * chunks to `<split>.partial/`, records after each chunk how many images are safely on disk, and on completion
 * writes the header and renames the folder to `<split>/`. An interrupted build resumes at the last saved chunk;
 * one whose sources or size changed starts over.
 * @module
 */

import { join } from "node:path";
import { atomicWrite } from "../../lib/util/atomic_write.ts";
import type { DatasetEventHandler } from "../dataset_events.ts";
import { CACHE_FORMAT, CACHE_TRANSFORM, cachePaths, type ImagenetCacheHeader } from "./cache.ts";
import { type ImageDecoder, imageDecoder } from "./decode.ts";
import { type ImageList, imageListChecksum, type ImageReader, openImageReader } from "./image_list.ts";

/** What {@linkcode buildCache} needs. */
export interface BuildCacheOptions {
  /** The cache folder (`imagenet/<S>px/` goes inside). */
  readonly cacheRoot: string;
  /** The images to pack, in the order they are stored. */
  readonly list: ImageList;
  /** Side S of the stored squares. */
  readonly imageSize: number;
  /** The data folder the user gave, recorded in the header. */
  readonly dataDir: string;
  /** Class wnids, recorded in the header. */
  readonly wnids: readonly string[];
  /** Class names, index-aligned with `wnids`. */
  readonly classNames: readonly string[];
  /** Images decoded at once (default twice the number of cores). */
  readonly concurrency?: number;
  /** Images per chunk; progress is saved after each (default 1024). */
  readonly chunkImages?: number;
  /** The decoder (default sharp, {@linkcode imageDecoder}); tests may slow it down or make it fail. */
  readonly decode?: ImageDecoder;
  /** Stops the build after the images being decoded; the chunks saved so far are kept for resuming. */
  readonly signal?: AbortSignal;
  /** Receives `cache-start`, `cache-progress`, `cache-restart` and `cache-done` events. */
  readonly onEvent?: DatasetEventHandler;
}

interface Progress {
  readonly format: string;
  readonly sourceChecksum: string;
  readonly imageSize: number;
  readonly count: number;
  readonly done: number;
}

async function readProgress(path: string): Promise<Progress | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch {
    return undefined;
  }
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) written += await file.write(bytes.subarray(written));
}

/**
 * Builds (or resumes building) the cache of `options.list`.
 *
 * @param options Images, size, classes, parallelism, signal and events.
 * @returns The header of the finished cache.
 * @throws The signal's reason when aborted (progress kept); DatasetFormatError naming an image that cannot be
 *   decoded; Error when an image changed on disk during the build.
 */
export async function buildCache(options: BuildCacheOptions): Promise<ImagenetCacheHeader> {
  const { list, imageSize, signal, onEvent } = options;
  const split = list.split;
  const count = list.images.length;
  const sourceChecksum = imageListChecksum(list);
  const paths = cachePaths(options.cacheRoot, split, imageSize);
  const progressPath = join(paths.partial, "progress.json");
  const imagesPath = join(paths.partial, "images.u8");
  const labelsPath = join(paths.partial, "labels.u16");
  const pixels = imageSize * imageSize * 3;
  await Deno.mkdir(paths.partial, { recursive: true });

  let done = 0;
  const saved = await readProgress(progressPath);
  const sizes = await Promise.all(
    [imagesPath, labelsPath].map((p) => Deno.stat(p).then((s) => s.size, () => 0)),
  );
  if (saved) {
    const same = saved.format === CACHE_FORMAT && saved.sourceChecksum === sourceChecksum &&
      saved.imageSize === imageSize && saved.count === count;
    const complete = sizes[0] >= saved.done * pixels && sizes[1] >= saved.done * 2;
    if (same && complete) done = saved.done;
    else {
      const reason = !same
        ? "the images or the size differ from those of the interrupted build"
        : "the partial files are shorter than the saved progress";
      onEvent?.({ type: "cache-restart", dataset: "imagenet", split, reason });
    }
  }
  const images = await Deno.open(imagesPath, { write: true, create: true });
  const labels = await Deno.open(labelsPath, { write: true, create: true });
  const readers: ImageReader[] = [];
  const started = performance.now();
  const startDone = done;
  try {
    // Bytes past the saved progress belong to a chunk that was being written when the build stopped.
    await images.truncate(done * pixels);
    await labels.truncate(done * 2);
    await images.seek(0, Deno.SeekMode.End);
    await labels.seek(0, Deno.SeekMode.End);
    onEvent?.({
      type: "cache-start",
      dataset: "imagenet",
      split,
      path: paths.dir,
      count,
      resumeFrom: done,
      imageSize,
    });
    const decode = options.decode ?? imageDecoder(imageSize);
    const lanes = Math.max(1, options.concurrency ?? 2 * navigator.hardwareConcurrency);
    const chunkImages = Math.max(1, options.chunkImages ?? 1024);
    for (let lane = 0; lane < lanes; lane++) readers.push(await openImageReader(list));
    while (done < count) {
      signal?.throwIfAborted();
      const first = done;
      const n = Math.min(chunkImages, count - first);
      const chunk = new Uint8Array(n * pixels);
      const chunkLabels = new Uint8Array(n * 2);
      const labelView = new DataView(chunkLabels.buffer);
      let next = 0;
      let failure: unknown;
      // Each lane catches its own errors, so no decode is left running unobserved when one fails.
      await Promise.all(readers.map(async (reader) => {
        while (next < n && failure === undefined && !signal?.aborted) {
          const j = next++;
          const image = list.images[first + j];
          try {
            chunk.set(await decode(await reader.read(image), `${list.where}: ${image.name}`), j * pixels);
            labelView.setUint16(2 * j, image.label, true);
          } catch (error) {
            failure ??= error;
          }
        }
      }));
      if (failure !== undefined) throw failure;
      signal?.throwIfAborted();
      await writeAll(images, chunk);
      await writeAll(labels, chunkLabels);
      await images.syncData();
      await labels.syncData();
      done = first + n;
      const progress: Progress = { format: CACHE_FORMAT, sourceChecksum, imageSize, count, done };
      await atomicWrite(progressPath, JSON.stringify(progress) + "\n");
      const seconds = (performance.now() - started) / 1000;
      const imagesPerSecond = seconds > 0 ? (done - startDone) / seconds : 0;
      onEvent?.({ type: "cache-progress", dataset: "imagenet", split, done, count, imagesPerSecond });
    }
  } finally {
    for (const reader of readers) reader.close();
    images.close();
    labels.close();
  }
  const header: ImagenetCacheHeader = {
    format: CACHE_FORMAT,
    split,
    count,
    imageSize,
    wnids: options.wnids,
    classNames: options.classNames,
    sourceChecksum,
    source: list.where,
    dataDir: options.dataDir,
    transform: CACHE_TRANSFORM,
    builtAt: new Date().toISOString(),
  };
  await atomicWrite(join(paths.partial, "header.json"), JSON.stringify(header, null, 2) + "\n");
  await Deno.remove(progressPath).catch((error) => {
    // An empty list never wrote progress.
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  // Replace an older cache of this split (its sources changed) only now that the new one is complete.
  const old = `${paths.dir}.old`;
  await Deno.remove(old, { recursive: true }).catch(() => {});
  const hadOld = await Deno.rename(paths.dir, old).then(() => true, () => false);
  await Deno.rename(paths.partial, paths.dir);
  if (hadOld) await Deno.remove(old, { recursive: true });
  const seconds = (performance.now() - started) / 1000;
  onEvent?.({ type: "cache-done", dataset: "imagenet", split, path: paths.dir, count, seconds });
  return header;
}
