/**
 * The errors dataset loading throws. Each names the file, what was expected, what was found, and the fix, so
 * the CLI can print `error.message` as it is.
 * @module
 */

/**
 * A file on disk is not what it should be: wrong size or wrong checksum. The file is left where it is: asge never
 * uses a corrupt file and never deletes one silently.
 */
export class CorruptFileError extends Error {
  /** Path of the offending file. */
  readonly path: string;
  /** What was compared: `"size"` (bytes), `"md5"` or `"sha256"` (hex digests). */
  readonly check: "size" | "md5" | "sha256";
  /** The expected value (bytes or hex digest). */
  readonly expected: string;
  /** The value found (bytes or hex digest). */
  readonly actual: string;

  /**
   * Creates a {@linkcode CorruptFileError}.
   * @param path Path of the file that failed the check.
   * @param check Which check failed.
   * @param expected Expected size in bytes or hex digest.
   * @param actual Measured size in bytes or hex digest.
   * @param fix What the user should do; the default suits a cached download.
   * @example A checksum mismatch
   * ```ts
   * import { CorruptFileError } from "./dataset_errors.ts";
   * const error = new CorruptFileError("/tmp/a.gz", "md5", "aa", "bb");
   * if (!error.message.includes("expected aa")) throw new Error(error.message);
   * ```
   */
  constructor(
    path: string,
    check: "size" | "md5" | "sha256",
    expected: string | number,
    actual: string | number,
    fix = "delete it or run with --redownload",
  ) {
    const found = check === "size"
      ? `file has ${actual} of ${expected} bytes`
      : `${check} is ${actual}, expected ${expected}`;
    super(`Corrupt file "${path}": ${found}; ${fix}`);
    this.name = "CorruptFileError";
    this.path = path;
    this.check = check;
    this.expected = String(expected);
    this.actual = String(actual);
  }
}

/** Offline mode is on and a file the dataset needs is not on disk. */
export class MissingFileError extends Error {
  /** Where the file is expected. */
  readonly path: string;
  /** Where it can be downloaded from. */
  readonly urls: readonly string[];

  /**
   * Creates a {@linkcode MissingFileError}.
   * @param path Where the file should be put.
   * @param urls Where it can be downloaded from, in order of preference.
   */
  constructor(path: string, urls: readonly string[]) {
    const from = urls.length > 0 ? ` from ${urls.join(" or ")}` : "";
    super(
      `Missing file "${path}" and offline mode is on: download it${from} and put it there, or run without --offline`,
    );
    this.name = "MissingFileError";
    this.path = path;
    this.urls = urls;
  }
}

/** Every mirror of a file failed to deliver it. */
export class DownloadError extends Error {
  /** One entry per mirror tried, in order. */
  readonly failures: readonly { readonly url: string; readonly reason: string }[];

  /**
   * Creates a {@linkcode DownloadError}.
   * @param fileName The file being downloaded.
   * @param failures Each mirror's URL and why it failed.
   */
  constructor(fileName: string, failures: readonly { url: string; reason: string }[]) {
    const list = failures.length === 0
      ? "no mirror is configured"
      : failures.map((f) => `${f.url}: ${f.reason}`).join("; ");
    super(
      `Cannot download "${fileName}" (${list}); check the network, or put the file in the cache or the folder ` +
        `given with --data-dir`,
    );
    this.name = "DownloadError";
    this.failures = failures;
  }
}

/** A file is on disk with the right name but its content is not in the expected format. */
export class DatasetFormatError extends Error {
  /** The file (or archive member) that could not be parsed. */
  readonly file: string;

  /**
   * Creates a {@linkcode DatasetFormatError}.
   * @param file The file or archive member.
   * @param problem What is wrong, with the values found and expected.
   * @param fix What the user should do.
   */
  constructor(file: string, problem: string, fix = "delete it or run with --redownload") {
    super(`Cannot read "${file}": ${problem}; ${fix}`);
    this.name = "DatasetFormatError";
    this.file = file;
  }
}
