/**
 * Checksums and size checks of files and bytes (node:crypto md5 and sha256).
 * @module
 */

import { createHash } from "node:crypto";
import { CorruptFileError } from "../dataset_errors.ts";

/** What a file must be: its size in bytes and/or a hex digest. Absent fields are not checked. */
export interface ExpectedFile {
  /** Size in bytes. */
  readonly size?: number;
  /** Lower-case hex md5 digest. */
  readonly md5?: string;
  /** Lower-case hex sha256 digest. */
  readonly sha256?: string;
}

/**
 * Hashes bytes already in memory.
 *
 * @param bytes The data.
 * @param algorithm `"md5"` or `"sha256"`.
 * @returns The lower-case hex digest.
 * @example md5 of "abc"
 * ```ts
 * import { bytesDigest } from "./checksum.ts";
 * const hex = bytesDigest(new TextEncoder().encode("abc"), "md5");
 * if (hex !== "900150983cd24fb0d6963f7d28e17f72") throw new Error(hex);
 * ```
 */
export function bytesDigest(bytes: Uint8Array, algorithm: "md5" | "sha256"): string {
  return createHash(algorithm).update(bytes).digest("hex");
}

/**
 * Hashes a file by streaming it from disk (1 MiB at a time), so archives of any size fit.
 *
 * @param path The file.
 * @param algorithm `"md5"` or `"sha256"`.
 * @returns The lower-case hex digest.
 */
export async function fileDigest(path: string, algorithm: "md5" | "sha256"): Promise<string> {
  const hash = createHash(algorithm);
  using file = await Deno.open(path, { read: true });
  const buffer = new Uint8Array(1 << 20);
  for (;;) {
    const n = await file.read(buffer);
    if (n === null) break;
    hash.update(buffer.subarray(0, n));
  }
  return hash.digest("hex");
}

/**
 * Checks bytes in memory against an expectation, size first (cheap), then each digest given.
 *
 * @param bytes The data.
 * @param expected Size and/or digests.
 * @param label The file name or path to put in the error.
 * @param fix The advice to put in the error.
 * @returns The algorithms that were checked.
 * @throws CorruptFileError naming the label, the expected and the actual value.
 */
export function verifyBytes(
  bytes: Uint8Array,
  expected: ExpectedFile,
  label: string,
  fix?: string,
): ("md5" | "sha256")[] {
  if (expected.size !== undefined && bytes.length !== expected.size) {
    throw new CorruptFileError(label, "size", expected.size, bytes.length, fix);
  }
  const checked: ("md5" | "sha256")[] = [];
  for (const algorithm of ["md5", "sha256"] as const) {
    const want = expected[algorithm];
    if (want === undefined) continue;
    const actual = bytesDigest(bytes, algorithm);
    if (actual !== want.toLowerCase()) throw new CorruptFileError(label, algorithm, want, actual, fix);
    checked.push(algorithm);
  }
  return checked;
}

/**
 * Checks a file on disk against an expectation, size first (cheap), then each digest given.
 *
 * @param path The file.
 * @param expected Size and/or digests.
 * @param fix The advice to put in the error.
 * @returns The algorithms that were checked.
 * @throws CorruptFileError naming the path, the expected and the actual value.
 * @example Size and md5 of a small file
 * ```ts
 * import assert from "node:assert/strict";
 * import { CorruptFileError } from "../dataset_errors.ts";
 * import { verifyFile } from "./checksum.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "abc");
 * assert.deepEqual(await verifyFile(path, { size: 3, md5: "900150983cd24fb0d6963f7d28e17f72" }), ["md5"]);
 * await assert.rejects(verifyFile(path, { size: 4 }), CorruptFileError);
 * await Deno.remove(path);
 * ```
 */
export async function verifyFile(
  path: string,
  expected: ExpectedFile,
  fix?: string,
): Promise<("md5" | "sha256")[]> {
  if (expected.size !== undefined) {
    const size = (await Deno.stat(path)).size;
    if (size !== expected.size) throw new CorruptFileError(path, "size", expected.size, size, fix);
  }
  const checked: ("md5" | "sha256")[] = [];
  for (const algorithm of ["md5", "sha256"] as const) {
    const want = expected[algorithm];
    if (want === undefined) continue;
    const actual = await fileDigest(path, algorithm);
    if (actual !== want.toLowerCase()) throw new CorruptFileError(path, algorithm, want, actual, fix);
    checked.push(algorithm);
  }
  return checked;
}
