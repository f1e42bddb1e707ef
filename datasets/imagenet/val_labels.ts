/**
 * Labels of ImageNet validation images kept in one flat folder or archive: from the devkit, from a
 * `val_labels.txt` file (`<file name> <wnid>` per line), or from Kaggle's `LOC_val_solution.csv`.
 * @module
 */

import { join } from "node:path";
import { DatasetFormatError } from "../dataset_errors.ts";
import { readTextFileIfExists } from "../../lib/util/file_exists.ts";
import {
  DEVKIT_ARCHIVE,
  DEVKIT_FOLDER,
  GROUND_TRUTH_MEMBER,
  readDevkit,
  validationFileName,
} from "./devkit.ts";

/** A plain labels file: one `<file name> <wnid>` (space, tab or comma separated) per line. */
export const VAL_LABELS_FILE = "val_labels.txt";
/** Kaggle's solution file: header `ImageId,PredictionString`, the wnid first in each prediction string. */
export const KAGGLE_SOLUTION_FILE = "LOC_val_solution.csv";

/** The wnid of every validation image, by file name. */
export interface ValidationLabels {
  /** File name (e.g. `"ILSVRC2012_val_00000001.JPEG"`) to wnid. */
  readonly wnidByFile: ReadonlyMap<string, string>;
  /** The file the labels were read from. */
  readonly source: string;
  /** The devkit's class words, when the labels came from the devkit. */
  readonly words?: ReadonlyMap<string, string>;
}

/** What a user may put beside the images to label a flat validation folder, for error messages. */
export function validationLabelChoices(dataDir: string): string {
  return `the devkit "${join(dataDir, DEVKIT_ARCHIVE)}" (or its extracted folder ` +
    `"${join(dataDir, DEVKIT_FOLDER, "data")}" with ${GROUND_TRUTH_MEMBER.slice(5)} and meta.mat), or ` +
    `"${join(dataDir, VAL_LABELS_FILE)}" with lines "<file name> <wnid>", or Kaggle's ` +
    `"${join(dataDir, KAGGLE_SOLUTION_FILE)}"`;
}

const WNID = /^n\d{8}$/;

function parseLines(text: string, path: string, kaggle: boolean): Map<string, string> {
  const out = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || (kaggle && i === 0 && line.startsWith("ImageId"))) return;
    // Kaggle: "ILSVRC2012_val_00008726,n02119789 255 142 454 329 ..."; plain: "<file> <wnid>".
    const parts = kaggle ? [line.slice(0, line.indexOf(",")), line.slice(line.indexOf(",") + 1)] : line.trim()
      .split(/[\s,]+/);
    const file = parts[0];
    const wnid = (parts[1] ?? "").trim().split(/\s+/)[0];
    if (!file || !WNID.test(wnid)) {
      throw new DatasetFormatError(
        path,
        `line ${i + 1} is "${line.slice(0, 80)}", expected "<file name> <wnid>" with a wnid like n01440764`,
        "fix the line or remove the file",
      );
    }
    out.set(kaggle && !/\.\w+$/.test(file) ? `${file}.JPEG` : file, wnid);
  });
  return out;
}

/**
 * Finds labels for a flat validation split in `dataDir`, trying the devkit, then `val_labels.txt`, then
 * `LOC_val_solution.csv`.
 *
 * @param dataDir The folder the user gave.
 * @returns The labels, or `undefined` when none of the three is there.
 * @throws DatasetFormatError when a labels file is there but malformed.
 */
export async function readValidationLabels(dataDir: string): Promise<ValidationLabels | undefined> {
  const devkit = await readDevkit(dataDir);
  if (devkit) {
    const wnidByFile = new Map(devkit.validationWnids.map((wnid, i) => [validationFileName(i), wnid]));
    return { wnidByFile, source: devkit.source, words: devkit.words };
  }
  for (const [name, kaggle] of [[VAL_LABELS_FILE, false], [KAGGLE_SOLUTION_FILE, true]] as const) {
    const path = join(dataDir, name);
    const text = await readTextFileIfExists(path);
    if (text !== undefined) return { wnidByFile: parseLines(text, path, kaggle), source: path };
  }
  return undefined;
}
