/**
 * Transparent gunzip: dataset files come gzipped or not, and the two-byte gzip magic tells which.
 * @module
 */

import { gunzipSync } from "node:zlib";
import { DatasetFormatError } from "../dataset_errors.ts";

/**
 * Whether `bytes` start with the gzip magic number `1f 8b`.
 *
 * @param bytes File content.
 * @returns `true` for gzip data.
 * @example
 * ```ts
 * import { isGzip } from "./gunzip_if_needed.ts";
 * if (!isGzip(new Uint8Array([0x1f, 0x8b, 8]))) throw new Error("gzip not detected");
 * ```
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzip data (all members), or returns other data unchanged.
 *
 * @param bytes File content, gzipped or not.
 * @param file The file's name or path, for the error message.
 * @returns The decompressed bytes (a plain `Uint8Array` view, no copy).
 * @throws DatasetFormatError when the gzip data is damaged or cut short.
 * @example Round trip
 * ```ts
 * import { gzipSync } from "node:zlib";
 * import { gunzipIfNeeded } from "./gunzip_if_needed.ts";
 * const raw = new Uint8Array([1, 2, 3]);
 * const back = gunzipIfNeeded(new Uint8Array(gzipSync(raw)), "x.gz");
 * if (back.join() !== "1,2,3") throw new Error("round trip failed");
 * ```
 */
export function gunzipIfNeeded(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  let out: Uint8Array;
  try {
    out = gunzipSync(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatasetFormatError(
      file,
      `gzip data is damaged or cut short (${reason}; ${bytes.length} bytes read)`,
    );
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
