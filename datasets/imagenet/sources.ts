/**
 * Finds the ImageNet (ILSVRC-2012) images in the folder the user gave, in either layout:
 *
 * - archives as downloaded: `ILSVRC2012_img_train.tar` (a tar of 1000 per-class tars `<wnid>.tar`) and
 *   `ILSVRC2012_img_val.tar` (50000 flat JPEGs) plus the devkit for the validation labels;
 * - extracted folders: `train/<wnid>/*.JPEG`, and `val/<wnid>/*.JPEG` or a flat `val/*.JPEG` plus labels.
 *
 * Folders are preferred when both are present. Classes are numbered by sorted wnid (the standard 0..999 order).
 * @module
 */

import { basename, join } from "node:path";
import { statIfExists } from "../../lib/util/file_exists.ts";
import { DatasetFormatError } from "../dataset_errors.ts";
import type { ImageList, ImageSource } from "./image_list.ts";
import { indexTar } from "../formats/tar_index.ts";
import { readValidationLabels, validationLabelChoices } from "./val_labels.ts";

/** The official training archive's name. */
export const TRAIN_ARCHIVE = "ILSVRC2012_img_train.tar";
/** The official validation archive's name. */
export const VAL_ARCHIVE = "ILSVRC2012_img_val.tar";

const WNID = /^n\d{8}$/;
const IMAGE = /\.(jpe?g|png)$/i;

/** The training images and the classes they define. */
export interface TrainSource {
  /** The images, labelled by index into `wnids`. */
  readonly list: ImageList;
  /** The class wnids, sorted. */
  readonly wnids: readonly string[];
}

/** The validation images, labelled with the training classes, and the devkit's class words if it was read. */
export interface ValidationSource {
  /** The images. */
  readonly list: ImageList;
  /** The devkit's words per wnid (absent without the devkit). */
  readonly words?: ReadonlyMap<string, string>;
}

async function sortedEntries(dir: string): Promise<Deno.DirEntry[]> {
  const entries: Deno.DirEntry[] = [];
  for await (const entry of Deno.readDir(dir)) entries.push(entry);
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Image files of a folder, sorted, with sizes. */
async function imageFiles(dir: string): Promise<{ file: string; path: string; size: number }[]> {
  const files = (await sortedEntries(dir)).filter((e) => e.isFile && IMAGE.test(e.name));
  return await Promise.all(files.map(async (e) => {
    const path = join(dir, e.name);
    return { file: e.name, path, size: (await Deno.stat(path)).size };
  }));
}

function missing(what: string, dataDir: string, expected: string): Error {
  return new Error(
    `ImageNet ${what} not found in "${dataDir}": expected ${expected}. ImageNet cannot be downloaded without an ` +
      `account: get the ILSVRC-2012 files from the ImageNet website (image-net.org) and pass their folder with ` +
      `--data-dir (see docs/reproduce.md)`,
  );
}

/**
 * Lists the training images: `train/<wnid>/*` if that folder exists, else the archive.
 *
 * @param dataDir The folder the user gave.
 * @param signal Cancels indexing between classes.
 * @returns The images (sorted by wnid, then file name) and the sorted wnids.
 * @throws Error saying exactly which files are expected where when neither layout is present.
 */
export async function findTrainImages(dataDir: string, signal?: AbortSignal): Promise<TrainSource> {
  const folder = join(dataDir, "train");
  const archive = join(dataDir, TRAIN_ARCHIVE);
  const expected =
    `the archive "${archive}" (a tar of 1000 per-class tars such as n01440764.tar) or the folder ` +
    `"${folder}/" with one sub-folder per class (${folder}/n01440764/*.JPEG, ...)`;
  const images: ImageSource[] = [];
  if ((await statIfExists(folder))?.isDirectory) {
    const wnids = (await sortedEntries(folder)).filter((e) => e.isDirectory && WNID.test(e.name)).map((e) =>
      e.name
    );
    if (wnids.length === 0) {
      throw missing("training images", dataDir, `${expected}; "${folder}/" has no class folder`);
    }
    for (const [label, wnid] of wnids.entries()) {
      signal?.throwIfAborted();
      for (const f of await imageFiles(join(folder, wnid))) {
        images.push({ name: `${wnid}/${f.file}`, label, size: f.size, path: f.path });
      }
    }
    if (images.length === 0) {
      throw missing("training images", dataDir, `${expected}; its class folders hold no image`);
    }
    return { list: { split: "train", where: folder, images }, wnids };
  }
  const info = await statIfExists(archive);
  if (!info?.isFile) throw missing("training images", dataDir, expected);
  using file = await Deno.open(archive, { read: true });
  const classTars = (await indexTar(file, archive, 0, info.size))
    .filter((m) => WNID.test(basename(m.name, ".tar")) && m.name.endsWith(".tar"))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (classTars.length === 0) {
    throw new DatasetFormatError(
      archive,
      "holds no per-class tar such as n01440764.tar",
      `use the official ${TRAIN_ARCHIVE}`,
    );
  }
  const wnids = classTars.map((m) => basename(m.name, ".tar"));
  for (const [label, classTar] of classTars.entries()) {
    signal?.throwIfAborted();
    const wnid = wnids[label];
    const members = await indexTar(
      file,
      `${archive}: ${classTar.name}`,
      classTar.offset,
      classTar.offset + classTar.size,
    );
    const named = members.filter((m) => IMAGE.test(m.name)).map((m) => ({ ...m, file: basename(m.name) }));
    named.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const m of named) images.push({ name: `${wnid}/${m.file}`, label, size: m.size, offset: m.offset });
  }
  if (images.length === 0) {
    throw new DatasetFormatError(
      archive,
      "holds per-class tars without images",
      `use the official ${TRAIN_ARCHIVE}`,
    );
  }
  return { list: { split: "train", where: archive, archive, images }, wnids };
}

/**
 * Lists the validation images, labelled with the training classes: `val/<wnid>/*`, a flat `val/*` or the archive,
 * the flat forms labelled by the devkit, `val_labels.txt` or `LOC_val_solution.csv`.
 *
 * @param dataDir The folder the user gave.
 * @param wnids The training classes, sorted.
 * @returns The images sorted by file name, and the devkit's words if it was read.
 * @throws Error naming what is expected where, when the images or their labels are missing, or an image's class is
 *   not one of the training classes.
 */
export async function findValidationImages(
  dataDir: string,
  wnids: readonly string[],
): Promise<ValidationSource> {
  const folder = join(dataDir, "val");
  const archive = join(dataDir, VAL_ARCHIVE);
  const labelOf = new Map(wnids.map((w, i) => [w, i]));
  const label = (wnid: string, image: string, source: string) => {
    const index = labelOf.get(wnid);
    if (index === undefined) {
      throw new DatasetFormatError(
        source,
        `labels validation image "${image}" with ${wnid}, which is not one of the ${wnids.length} training classes`,
        "use labels and training images of the same ILSVRC-2012 release",
      );
    }
    return index;
  };
  let found: { file: string; size: number; path?: string; offset?: number; wnid?: string }[] = [];
  let where: string;
  let isArchive = false;
  if ((await statIfExists(folder))?.isDirectory) {
    where = folder;
    const classDirs = (await sortedEntries(folder)).filter((e) => e.isDirectory && WNID.test(e.name));
    for (const dir of classDirs) {
      for (const f of await imageFiles(join(folder, dir.name))) found.push({ ...f, wnid: dir.name });
    }
    if (classDirs.length === 0) found = await imageFiles(folder);
  } else if ((await statIfExists(archive))?.isFile) {
    where = archive;
    isArchive = true;
    using file = await Deno.open(archive, { read: true });
    const members = await indexTar(file, archive, 0, (await file.stat()).size);
    found = members.filter((m) => IMAGE.test(m.name)).map((m) => {
      const parent = basename(m.name.slice(0, Math.max(0, m.name.lastIndexOf("/"))));
      return {
        file: basename(m.name),
        size: m.size,
        offset: m.offset,
        wnid: WNID.test(parent) ? parent : undefined,
      };
    });
  } else {
    throw missing(
      "validation images",
      dataDir,
      `the archive "${archive}" (50000 JPEGs) or the folder "${folder}/" (flat, or one sub-folder per class)`,
    );
  }
  if (found.length === 0) throw missing("validation images", dataDir, `images in "${where}"`);
  let words: ReadonlyMap<string, string> | undefined;
  if (found.some((f) => f.wnid === undefined)) {
    const labels = await readValidationLabels(dataDir);
    if (!labels) {
      throw new Error(
        `ImageNet validation labels not found: "${where}" holds ${found.length} images without class folders, so ` +
          `their labels must come from ${validationLabelChoices(dataDir)}; or sort the images into ` +
          `"${folder}/<wnid>/" folders`,
      );
    }
    words = labels.words;
    for (const f of found) {
      f.wnid ??= labels.wnidByFile.get(f.file);
      if (f.wnid === undefined) {
        throw new DatasetFormatError(
          labels.source,
          `has no label for validation image "${f.file}"`,
          "use the complete file",
        );
      }
    }
  }
  found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const images = found.map((f): ImageSource => ({
    name: f.file,
    label: label(f.wnid!, f.file, where),
    size: f.size,
    path: f.path,
    offset: f.offset,
  }));
  return { list: { split: "val", where, archive: isArchive ? archive : undefined, images }, words };
}
