/**
 * A small binary container: a JSON header followed by float32 arrays. Used for checkpoints and saved models.
 * Layout: 8 bytes magic, uint32 LE header length, UTF-8 JSON header, zero padding to a multiple of 4, then the
 * arrays back to back in the order the header lists them.
 * @module
 */
import { atomicWrite } from "./atomic_write.ts";

const MAGIC = "ASGETNSR";

/** Contents of a tensor file. */
export interface TensorFileContents<H> {
  /** Any JSON-able header. */
  readonly header: H;
  /** The arrays, by name, in file order. */
  readonly arrays: ReadonlyMap<string, Float32Array>;
}

/**
 * Encodes a header and named arrays into bytes.
 *
 * @param header JSON-able header.
 * @param arrays Named float32 arrays.
 * @returns The file bytes.
 * @example Round trip
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeTensorFile, encodeTensorFile } from "./tensor_file.ts";
 * const bytes = encodeTensorFile({ epoch: 3 }, new Map([["w", new Float32Array([1, 2])]]));
 * const back = decodeTensorFile<{ epoch: number }>(bytes, "x");
 * assert.deepEqual(back.header, { epoch: 3 });
 * assert.deepEqual(back.arrays.get("w"), new Float32Array([1, 2]));
 * assert.throws(() => decodeTensorFile(bytes.subarray(0, bytes.length - 4), "x"), /truncated/);
 * ```
 */
export function encodeTensorFile<H>(header: H, arrays: ReadonlyMap<string, Float32Array>): Uint8Array {
  const layout = [...arrays].map(([name, a]) => ({ name, length: a.length }));
  const json = new TextEncoder().encode(JSON.stringify({ header, layout }));
  const start = Math.ceil((12 + json.length) / 4) * 4;
  const total = start + layout.reduce((s, a) => s + a.length * 4, 0);
  const bytes = new Uint8Array(total);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 12);
  let offset = start;
  for (const a of arrays.values()) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  return bytes;
}

/**
 * Decodes bytes written by {@linkcode encodeTensorFile}.
 *
 * @param bytes File bytes.
 * @param name File name, for error messages.
 * @returns Header and arrays; throws naming the file when it is not a tensor file or is truncated.
 */
export function decodeTensorFile<H>(bytes: Uint8Array, name: string): TensorFileContents<H> {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new Error(`"${name}" is not an asge tensor file (bad magic); was it written by another program?`);
  }
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + jsonLength > bytes.length) {
    throw new Error(
      `"${name}" has ${bytes.length} bytes, fewer than its ${12 + jsonLength}-byte header: it is truncated`,
    );
  }
  let parsed: { header: H; layout: { name: string; length: number }[] };
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength)));
  } catch (error) {
    throw new Error(`"${name}" has a damaged header (${(error as Error).message}): the file is corrupt`, {
      cause: error,
    });
  }
  const { header, layout } = parsed;
  if (!Array.isArray(layout) || !layout.every((a) => Number.isInteger(a?.length) && a.length >= 0)) {
    throw new Error(`"${name}" has a damaged header (no valid array layout): the file is corrupt`);
  }
  let offset = Math.ceil((12 + jsonLength) / 4) * 4;
  const expected = offset + layout.reduce((s, a) => s + a.length * 4, 0);
  if (bytes.length !== expected) {
    throw new Error(`"${name}" has ${bytes.length} of ${expected} bytes: it is truncated or damaged`);
  }
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const arrays = new Map<string, Float32Array>();
  for (const { name: key, length } of layout) {
    arrays.set(key, new Float32Array(aligned.buffer, aligned.byteOffset + offset, length).slice());
    offset += length * 4;
  }
  return { header, arrays };
}

/**
 * Writes a tensor file atomically.
 *
 * @param path Target path.
 * @param header JSON-able header.
 * @param arrays Named arrays.
 */
export async function writeTensorFile<H>(
  path: string,
  header: H,
  arrays: ReadonlyMap<string, Float32Array>,
): Promise<void> {
  await atomicWrite(path, encodeTensorFile(header, arrays));
}

/**
 * Reads a tensor file.
 *
 * @param path File path.
 * @returns Header and arrays.
 */
export async function readTensorFile<H>(path: string): Promise<TensorFileContents<H>> {
  return decodeTensorFile<H>(await Deno.readFile(path), path);
}
