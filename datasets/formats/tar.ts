/**
 * A small reader for tar archives already in memory (ustar, GNU long names, pax `path`), enough for the
 * CIFAR tarballs. Members are views into the archive bytes, never copies.
 * @module
 */

import { DatasetFormatError } from "../dataset_errors.ts";
import { readTarHeader, recordName } from "./_tar_header.ts";

/** One member of a tar archive. */
export interface TarEntry {
  /** Path inside the archive, e.g. `"cifar-10-batches-bin/data_batch_1.bin"`. */
  readonly name: string;
  /** `"file"` for regular files, `"directory"`, or `"other"` (links, devices). */
  readonly type: "file" | "directory" | "other";
  /** The member's bytes (empty for non-files), a view into the archive. */
  readonly data: Uint8Array;
}

/**
 * Walks the members of an uncompressed tar archive.
 *
 * @param bytes The archive (gunzip it first).
 * @param archive The archive's name, for errors.
 * @returns The members in archive order (pax and GNU long-name records are applied, not returned).
 * @throws DatasetFormatError on a damaged header or a member cut short.
 * @example List the files of an archive
 * ```ts ignore
 * import { readTar } from "./tar.ts";
 * for (const entry of readTar(bytes, "a.tar")) console.log(entry.name, entry.data.length);
 * ```
 */
export function* readTar(bytes: Uint8Array, archive: string): Generator<TarEntry> {
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= bytes.length) {
    const block = bytes.subarray(offset, offset + 512);
    if (block.every((b) => b === 0)) return;
    const header = readTarHeader(block);
    if (header === undefined) {
      throw new DatasetFormatError(
        archive,
        `tar header at byte ${offset} fails its checksum (damaged archive)`,
      );
    }
    const { size, typeflag } = header;
    const start = offset + 512;
    const name = longName ?? header.name;
    if (start + size > bytes.length) {
      throw new DatasetFormatError(archive, `member "${name}" has ${bytes.length - start} of ${size} bytes`);
    }
    const data = bytes.subarray(start, start + size);
    offset = start + Math.ceil(size / 512) * 512;
    longName = undefined;
    if (typeflag === "L" || typeflag === "x") {
      longName = recordName(typeflag, data);
    } else if (typeflag !== "g") {
      const type = typeflag === "0" || typeflag === "7" ? "file" : typeflag === "5" ? "directory" : "other";
      yield { name, type, data: type === "file" ? data : new Uint8Array(0) };
    }
  }
  if (offset < bytes.length || bytes.length === 0) {
    throw new DatasetFormatError(
      archive,
      `tar data ends inside a header at byte ${offset} of ${bytes.length}`,
    );
  }
}

/**
 * The regular files of a tar archive by path.
 *
 * @param bytes The uncompressed archive.
 * @param archive The archive's name, for errors.
 * @returns Map from member path to its bytes.
 */
export function tarFiles(bytes: Uint8Array, archive: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readTar(bytes, archive)) if (entry.type === "file") files.set(entry.name, entry.data);
  return files;
}
