/**
 * The ILSVRC-2012 devkit (`ILSVRC2012_devkit_t12.tar.gz` or its extracted folder): the validation ground truth and
 * the class table `meta.mat`. The ground truth lists, for validation images 1..50000 in `ILSVRC2012_ID` order, the
 * devkit's own class id 1..1000, which numbers classes in meta.mat's order, NOT in sorted-wnid order; this module
 * turns those ids into wnids, so the loader can number classes by sorted wnid like the training folders.
 * @module
 */

import { join } from "node:path";
import { DatasetFormatError } from "../dataset_errors.ts";
import { gunzipIfNeeded } from "../formats/gunzip_if_needed.ts";
import { type MatStruct, type MatValue, readMatVariable } from "../formats/mat_file.ts";
import { tarFiles } from "../formats/tar.ts";
import { readFileIfExists } from "../../lib/util/file_exists.ts";

/** The devkit archive's file name. */
export const DEVKIT_ARCHIVE = "ILSVRC2012_devkit_t12.tar.gz";
/** The devkit's folder name once extracted. */
export const DEVKIT_FOLDER = "ILSVRC2012_devkit_t12";
/** Path of the ground truth inside the devkit. */
export const GROUND_TRUTH_MEMBER = "data/ILSVRC2012_validation_ground_truth.txt";
/** Path of the class table inside the devkit. */
export const META_MEMBER = "data/meta.mat";

/** What the devkit says about the validation split and the classes. */
export interface ImagenetDevkit {
  /** The wnid of validation image `i + 1` (`ILSVRC2012_val_000000{i+1}.JPEG`) at index `i`. */
  readonly validationWnids: readonly string[];
  /** The devkit's WordNet words of every leaf class, e.g. `"kit fox, Vulpes macrotis"`. */
  readonly words: ReadonlyMap<string, string>;
  /** Where the devkit was read, for events and errors. */
  readonly source: string;
}

/** The name of validation image `index` (0-based) as in the official archive. */
export function validationFileName(index: number): string {
  return `ILSVRC2012_val_${String(index + 1).padStart(8, "0")}.JPEG`;
}

const numberOf = (value: MatValue): number => (Array.isArray(value) ? Number(value[0]) : NaN);

/**
 * Parses the devkit's two files.
 *
 * @param groundTruth Text of `ILSVRC2012_validation_ground_truth.txt`: one class id (1-based) per line.
 * @param metaMat Bytes of `meta.mat` (struct array `synsets` with fields `ILSVRC2012_ID`, `WNID`, `words`,
 *   `num_children`; leaves have no children).
 * @param where The devkit's path, for errors.
 * @returns Validation wnids in image order, and the words of each class.
 * @throws DatasetFormatError naming the file when an id has no leaf class in meta.mat, or a field is missing.
 */
export function parseDevkit(groundTruth: string, metaMat: Uint8Array, where: string): ImagenetDevkit {
  const metaName = `${where}: ${META_MEMBER}`;
  const synsets = readMatVariable(metaMat, metaName, "synsets") as MatStruct;
  if (!synsets || !Array.isArray(synsets.records)) {
    throw new DatasetFormatError(
      metaName,
      `"synsets" is not a struct array`,
      "use the devkit's original meta.mat",
    );
  }
  for (const field of ["ILSVRC2012_ID", "WNID", "words", "num_children"]) {
    if (!synsets.fieldNames.includes(field)) {
      throw new DatasetFormatError(
        metaName,
        `"synsets" has no field "${field}" (fields: ${synsets.fieldNames.join(", ")})`,
        "use the devkit's original meta.mat",
      );
    }
  }
  const byId = new Map<number, string>();
  const words = new Map<string, string>();
  for (const record of synsets.records) {
    if (numberOf(record.num_children) !== 0) continue;
    const wnid = String(record.WNID);
    byId.set(numberOf(record.ILSVRC2012_ID), wnid);
    words.set(wnid, typeof record.words === "string" ? record.words : wnid);
  }
  const lines = groundTruth.split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== "");
  const validationWnids = lines.map((line, i) => {
    const wnid = byId.get(Number(line));
    if (wnid === undefined) {
      throw new DatasetFormatError(
        `${where}: ${GROUND_TRUTH_MEMBER}`,
        `line ${i + 1} holds "${line}", which is not the ILSVRC2012_ID of a leaf class in meta.mat ` +
          `(ids 1..${byId.size} expected)`,
        "use the devkit's original files",
      );
    }
    return wnid;
  });
  return { validationWnids, words, source: where };
}

/**
 * Finds and parses the devkit in `dataDir`: the archive `ILSVRC2012_devkit_t12.tar.gz`, else the extracted
 * folder `ILSVRC2012_devkit_t12/data/`.
 *
 * @param dataDir The folder the user gave.
 * @returns The devkit, or `undefined` when neither form is there.
 * @throws DatasetFormatError when the devkit is there but a file is missing or damaged.
 */
export async function readDevkit(dataDir: string): Promise<ImagenetDevkit | undefined> {
  const archive = join(dataDir, DEVKIT_ARCHIVE);
  const packed = await readFileIfExists(archive);
  if (packed) {
    const files = tarFiles(gunzipIfNeeded(packed, archive), archive);
    const find = (suffix: string) => {
      for (const [name, bytes] of files) if (name.endsWith(suffix)) return bytes;
      throw new DatasetFormatError(
        archive,
        `has no member ending in "${suffix}"`,
        "use the official devkit archive",
      );
    };
    const truth = new TextDecoder().decode(find(GROUND_TRUTH_MEMBER));
    return parseDevkit(truth, find(META_MEMBER), archive);
  }
  const folder = join(dataDir, DEVKIT_FOLDER);
  const truth = await readFileIfExists(join(folder, GROUND_TRUTH_MEMBER));
  const meta = await readFileIfExists(join(folder, META_MEMBER));
  if (!truth && !meta) return undefined;
  if (!truth || !meta) {
    const missing = join(folder, truth ? META_MEMBER : GROUND_TRUTH_MEMBER);
    throw new DatasetFormatError(
      missing,
      "is missing from the extracted devkit",
      `extract ${DEVKIT_ARCHIVE} again`,
    );
  }
  return parseDevkit(new TextDecoder().decode(truth), meta, folder);
}
