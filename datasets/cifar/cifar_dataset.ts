/**
 * The loader shared by CIFAR-10 and CIFAR-100: the official binary tarball (checked by size and md5), or its
 * extracted files, parsed into {@linkcode DatasetSplits}.
 * @module
 */

import { basename, join } from "node:path";
import { fileExists } from "../../lib/util/file_exists.ts";
import type { DatasetSplits, Normalization } from "../../lib/config/labeled_images.ts";
import { defaultCacheDir } from "../download/cache_dir.ts";
import { verifyFile } from "../download/checksum.ts";
import { DatasetFormatError } from "../dataset_errors.ts";
import { download, type RemoteFile } from "../download/download.ts";
import { gunzipIfNeeded } from "../formats/gunzip_if_needed.ts";
import { type CifarRecordLayout, parseCifarRecords } from "../formats/cifar_records.ts";
import type { LoadDatasetOptions } from "../load_dataset_options.ts";
import { tarFiles } from "../formats/tar.ts";

/** Everything that defines a CIFAR-style dataset. */
export interface CifarSpec extends CifarRecordLayout {
  /** Dataset name, also the cache subfolder, e.g. `"cifar10"`. */
  readonly name: string;
  /** The `.tar.gz` archive: name, mirrors, size and md5. */
  readonly archive: RemoteFile;
  /** Archive members holding the training records, in order. */
  readonly trainMembers: readonly string[];
  /** Archive members holding the test records. */
  readonly testMembers: readonly string[];
  /** Archive member listing the class names, one per line. */
  readonly classNamesMember: string;
  /** The class names, used when the archive lacks `classNamesMember`. */
  readonly classNames: readonly string[];
  /** Per-channel normalisation of the training split. */
  readonly normalization: Normalization;
}

async function readIfFile(path: string): Promise<Uint8Array | undefined> {
  try {
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.IsADirectory) return undefined;
    throw error;
  }
}

/** The members from an extracted copy in `folder` (with or without the archive's top folder), if complete. */
async function readExtracted(folder: string, spec: CifarSpec): Promise<Map<string, Uint8Array> | string[]> {
  const files = new Map<string, Uint8Array>();
  const missing: string[] = [];
  for (const member of [...spec.trainMembers, ...spec.testMembers, spec.classNamesMember]) {
    const bytes = await readIfFile(join(folder, member)) ?? await readIfFile(join(folder, basename(member)));
    if (bytes) files.set(member, bytes);
    else if (member !== spec.classNamesMember) missing.push(member);
  }
  return missing.length > 0 ? missing : files;
}

async function readArchive(path: string): Promise<Map<string, Uint8Array>> {
  return tarFiles(gunzipIfNeeded(await Deno.readFile(path), path), path);
}

async function locateMembers(
  spec: CifarSpec,
  options: LoadDatasetOptions,
): Promise<[Map<string, Uint8Array>, string]> {
  const { onEvent } = options;
  if (options.dataDir) {
    const archivePath = join(options.dataDir, spec.archive.fileName);
    if (await fileExists(archivePath)) {
      await verifyFile(
        archivePath,
        spec.archive,
        "replace it with the official archive, or remove it from the folder",
      );
      onEvent?.({ type: "source", dataset: spec.name, source: "data folder", path: archivePath });
      return [await readArchive(archivePath), archivePath];
    }
    const extracted = await readExtracted(options.dataDir, spec);
    if (!Array.isArray(extracted)) {
      onEvent?.({
        type: "source",
        dataset: spec.name,
        source: "data folder (extracted)",
        path: options.dataDir,
      });
      return [extracted, options.dataDir];
    }
    const reason = `${options.dataDir} has neither ${spec.archive.fileName} nor ${extracted.join(", ")}`;
    onEvent?.({ type: "source-skipped", dataset: spec.name, source: "data folder", reason });
  }
  const dir = join(options.cacheDir ?? defaultCacheDir(), spec.name);
  const path = await download(spec.archive, { ...options, dir });
  onEvent?.({ type: "source", dataset: spec.name, source: "download cache", path });
  return [await readArchive(path), path];
}

function classNames(spec: CifarSpec, files: Map<string, Uint8Array>, where: string): readonly string[] {
  const bytes = files.get(spec.classNamesMember);
  if (!bytes) return spec.classNames;
  const names = new TextDecoder().decode(bytes).split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== "");
  if (names.length !== spec.numClasses) {
    throw new DatasetFormatError(
      `${where}: ${spec.classNamesMember}`,
      `lists ${names.length} class names, expected ${spec.numClasses}`,
    );
  }
  return names;
}

/**
 * Loads a CIFAR-style dataset. Sources in order: `options.dataDir` holding the archive (checked by size and
 * md5) or its extracted files (checked by record size only: no checksums of the members are published), then
 * the download cache (downloading the archive unless `offline`).
 *
 * @param spec Archive, members, record layout, class names and normalisation.
 * @param options Data folder, cache folder, offline/redownload switches, signal and event handler.
 * @returns The official train and test splits, 32x32x3 RGB interleaved.
 * @throws CorruptFileError, DatasetFormatError, MissingFileError or DownloadError, each naming the file and the fix.
 */
export async function loadCifarDataset(
  spec: CifarSpec,
  options: LoadDatasetOptions = {},
): Promise<DatasetSplits> {
  const [files, where] = await locateMembers(spec, options);
  const member = (name: string) => {
    const bytes = files.get(name);
    if (!bytes) {
      throw new DatasetFormatError(where, `has no member "${name}"`, "use the official binary archive");
    }
    return { name: `${where}: ${name}`, bytes };
  };
  const split = (which: "train" | "test", members: readonly string[]) => {
    options.signal?.throwIfAborted();
    const started = performance.now();
    const result = parseCifarRecords(members.map(member), spec);
    const seconds = (performance.now() - started) / 1000;
    options.onEvent?.({ type: "parsed", dataset: spec.name, split: which, count: result.count, seconds });
    return result;
  };
  const train = split("train", spec.trainMembers);
  const test = split("test", spec.testMembers);
  const names = classNames(spec, files, where);
  return { name: spec.name, train, test, normalization: spec.normalization, classNames: names };
}
