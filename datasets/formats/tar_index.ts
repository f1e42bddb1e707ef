/**
 * Lists the members of a tar archive on disk by reading only its 512-byte headers, so archives far larger than
 * memory (ImageNet's training archive is 138 GB) can be indexed; a member nested in another (the per-class tars
 * inside `ILSVRC2012_img_train.tar`) is indexed by giving the outer member's byte range.
 * @module
 */

import { DatasetFormatError } from "../dataset_errors.ts";
import { readTarHeader, recordName } from "./_tar_header.ts";

/** One regular file inside an archive on disk. */
export interface TarMember {
  /** Path inside the archive (GNU long names and pax `path` records applied). */
  readonly name: string;
  /** Byte offset of the member's data in the file on disk. */
  readonly offset: number;
  /** The member's size in bytes. */
  readonly size: number;
}

/** Reads exactly `length` bytes at `position` (fewer only at the end of the file). */
export async function readAt(file: Deno.FsFile, position: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  await file.seek(position, Deno.SeekMode.Start);
  let filled = 0;
  while (filled < length) {
    const n = await file.read(out.subarray(filled));
    if (n === null) break;
    filled += n;
  }
  return filled === length ? out : out.subarray(0, filled);
}

/**
 * Lists the regular files of the tar archive that occupies bytes `[start, end)` of `file`.
 *
 * @param file An open archive (or an archive holding this one).
 * @param archive Its name for errors, e.g. `"ILSVRC2012_img_train.tar: n01440764.tar"`.
 * @param start First byte of the archive in the file.
 * @param end Byte just past the archive (the file size for a whole file).
 * @returns Members in archive order, with absolute offsets into `file`.
 * @throws DatasetFormatError on a header that fails its checksum or a member that runs past `end`.
 * @example Index the members of an archive on disk
 * ```ts ignore
 * import { indexTar } from "./tar_index.ts";
 * using file = await Deno.open("ILSVRC2012_img_val.tar");
 * const members = await indexTar(file, "ILSVRC2012_img_val.tar", 0, (await file.stat()).size);
 * if (members.length !== 50000) throw new Error(`${members.length} members`);
 * ```
 */
export async function indexTar(
  file: Deno.FsFile,
  archive: string,
  start: number,
  end: number,
): Promise<TarMember[]> {
  const members: TarMember[] = [];
  let position = start;
  let longName: string | undefined;
  while (position + 512 <= end) {
    const block = await readAt(file, position, 512);
    if (block.length < 512) break;
    if (block.every((b) => b === 0)) return members;
    const header = readTarHeader(block);
    if (header === undefined) {
      throw new DatasetFormatError(
        archive,
        `tar header at byte ${position - start} fails its checksum (damaged or not a tar archive)`,
        "check the file against the official archive's size and md5",
      );
    }
    const { size, typeflag: type } = header;
    const name = longName ?? header.name;
    const data = position + 512;
    if (data + size > end) {
      throw new DatasetFormatError(
        archive,
        `member "${name}" needs ${size} bytes but the archive ends after ${end - data}`,
        "the file is cut short: copy or download it again",
      );
    }
    longName = undefined;
    if (type === "L" || type === "x") {
      longName = recordName(type, await readAt(file, data, size));
    } else if (type === "0" || type === "7") {
      members.push({ name, offset: data, size });
    }
    position = data + Math.ceil(size / 512) * 512;
  }
  return members;
}
