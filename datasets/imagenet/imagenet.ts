/**
 * ImageNet (ILSVRC-2012): 1000 classes, 1281167 training and 50000 validation images (the validation split is the
 * test split here: the official test labels were never published). It cannot be downloaded without an account,
 * so `dataDir` must point at the official files (see `sources.ts` for the layouts). The JPEGs are decoded
 * once into a packed cache at S x S pixels (default 32) and loaded from there afterwards.
 *
 * Memory: the training split takes 1281167 x S x S x 3 bytes: 3.9 GB at S = 32, 15.7 GB at S = 64, 63 GB at 128.
 * @module
 */

import { resolve } from "node:path";
import type { DatasetSplits, LabeledImages, Normalization } from "../../lib/config/labeled_images.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";
import { defaultCacheDir } from "../download/cache_dir.ts";
import { cachePaths, type ImagenetCacheHeader, loadCache, readCacheHeader } from "./cache.ts";
import { buildCache } from "./cache_build.ts";
import { imagenetClassName } from "./classes.ts";
import { type ImageList, imageListChecksum } from "./image_list.ts";
import { findTrainImages, findValidationImages } from "./sources.ts";
import type { LoadDatasetOptions } from "../load_dataset_options.ts";

/** The side S of cached images when `imageSize` is not given. */
export const DEFAULT_IMAGENET_SIZE = 32;

/**
 * The per-channel mean and std in wide use for ImageNet (computed on the full-resolution training images; at
 * 32 or 64 pixels they differ by less than 0.01).
 */
export const IMAGENET_NORMALIZATION: Normalization = {
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
};

/** Options of {@linkcode loadImagenet}: the common ones plus how to build the cache. */
export interface ImagenetOptions extends LoadDatasetOptions {
  /** Images decoded at once while building the cache (default twice the number of cores). */
  readonly concurrency?: number;
  /** Images per saved chunk while building (default 1024). */
  readonly chunkImages?: number;
  /** Build the cache again even if a complete one exists. */
  readonly rebuildCache?: boolean;
}

function classNames(wnids: readonly string[], words?: ReadonlyMap<string, string>): string[] {
  return wnids.map((wnid) => imagenetClassName(wnid) ?? words?.get(wnid)?.split(",")[0].trim() ?? wnid);
}

/**
 * A fixed pseudo-random order (seed 0): the cache stores images sorted by class, and a prefix of the training
 * split (config `limit`) must hold every class.
 */
function shuffledOrder(count: number): Uint32Array {
  return new SeededRandom(0).shuffle(Uint32Array.from({ length: count }, (_, i) => i));
}

/**
 * Loads ImageNet at `options.imageSize` (default 32) from its packed cache, building the cache from the files in
 * `options.dataDir` first when it is missing, incomplete (an interrupted build resumes) or was built from other
 * files. A complete cache built from the same `dataDir` is used without reading the sources again; without
 * `dataDir`, a complete cache is used as it is.
 *
 * @param options Data folder, cache folder, image size, parallelism, signal and event handler.
 * @returns Training and validation (as `test`) images, S x S x 3 RGB, in a fixed shuffled order, Uint16 labels
 *   numbered by sorted wnid.
 * @throws Error saying which files are expected where when they are missing; DatasetFormatError for a damaged
 *   archive, labels file or cache.
 * @example Build the 32x32 cache from the official archives and load it
 * ```ts ignore
 * import assert from "node:assert/strict";
 * import { loadImagenet } from "./imagenet.ts";
 * const data = await loadImagenet({ dataDir: "/data/ILSVRC2012", onEvent: (e) => console.log(e.type) });
 * assert.equal(data.train.count, 1281167);
 * assert.equal(data.test.count, 50000);
 * ```
 */
export async function loadImagenet(options: ImagenetOptions = {}): Promise<DatasetSplits> {
  const imageSize = options.imageSize ?? DEFAULT_IMAGENET_SIZE;
  if (!Number.isInteger(imageSize) || imageSize < 8 || imageSize > 512) {
    throw new RangeError(`ImageNet image size must be a whole number of pixels in 8..512, got ${imageSize}`);
  }
  const { signal, onEvent } = options;
  const cacheRoot = options.cacheDir ?? defaultCacheDir();
  let train = await readCacheHeader(cacheRoot, "train", imageSize);
  let val = await readCacheHeader(cacheRoot, "val", imageSize);
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const stale = (header: ImagenetCacheHeader | undefined) =>
    !header || options.rebuildCache === true || header.dataDir !== dataDir;

  if (dataDir && (stale(train) || stale(val))) {
    const build = (list: ImageList, wnids: readonly string[], names: readonly string[]) =>
      buildCache({
        cacheRoot,
        list,
        imageSize,
        dataDir,
        wnids,
        classNames: names,
        concurrency: options.concurrency,
        chunkImages: options.chunkImages,
        signal,
        onEvent,
      });
    // Same images and labels found in another folder: the cache is still right.
    const unchanged = (header: ImagenetCacheHeader | undefined, list: ImageList) =>
      header && !options.rebuildCache && header.sourceChecksum === imageListChecksum(list);
    const found = (list: ImageList) =>
      onEvent?.({
        type: "source",
        dataset: "imagenet",
        source: `${list.images.length} ${list.split === "train" ? "training" : "validation"} images`,
        path: list.where,
      });
    const trainSource = stale(train) ? await findTrainImages(dataDir, signal) : undefined;
    if (trainSource) found(trainSource.list);
    const wnids = trainSource?.wnids ?? train!.wnids;
    const sameClasses = (header: ImagenetCacheHeader | undefined) => header?.wnids.join() === wnids.join();
    const valSource = stale(val) || !sameClasses(val)
      ? await findValidationImages(dataDir, wnids)
      : undefined;
    if (valSource) found(valSource.list);
    const names = trainSource ? classNames(wnids, valSource?.words) : train!.classNames;
    if (trainSource && !unchanged(train, trainSource.list)) {
      train = await build(trainSource.list, wnids, names);
    }
    if (valSource && !(sameClasses(val) && unchanged(val, valSource.list))) {
      val = await build(valSource.list, wnids, names);
    }
  }
  if (!train || !val) {
    const missing = [train ? "" : "train", val ? "" : "val"].filter((s) => s).join(" and ");
    throw new Error(
      `No complete ${imageSize}px ImageNet cache for ${missing} in "${cacheRoot}/imagenet/${imageSize}px" ` +
        `(an interrupted build leaves "${
          cachePaths(cacheRoot, "train", imageSize).partial
        }"); pass --data-dir with ` +
        `the ILSVRC-2012 files to build or finish it (see docs/reproduce.md)`,
    );
  }
  if (train.wnids.join() !== val.wnids.join()) {
    throw new Error(
      `The ImageNet train and val caches in "${cacheRoot}/imagenet/${imageSize}px" were built with different ` +
        `classes (${train.wnids.length} and ${val.wnids.length}); pass --data-dir to rebuild them from one folder`,
    );
  }
  const source = dataDir ? "data folder (packed cache)" : "packed cache";
  onEvent?.({
    type: "source",
    dataset: "imagenet",
    source,
    path: cachePaths(cacheRoot, "train", imageSize).dir,
  });
  const load = async (header: ImagenetCacheHeader, split: "train" | "test"): Promise<LabeledImages> => {
    const started = performance.now();
    const images = await loadCache(cacheRoot, header, shuffledOrder(header.count), signal);
    const seconds = (performance.now() - started) / 1000;
    onEvent?.({ type: "parsed", dataset: "imagenet", split, count: images.count, seconds });
    return images;
  };
  return {
    name: "imagenet",
    train: await load(train, "train"),
    test: await load(val, "test"),
    normalization: IMAGENET_NORMALIZATION,
    classNames: train.classNames,
  };
}
