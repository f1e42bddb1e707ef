/**
 * Crash-safe file writes: write a temporary file beside the target, then rename it over the target, so a reader
 * sees either the old content or the new one, never half of it.
 * @module
 */

/**
 * Writes `data` to `path` atomically (temp file in the same folder, fsync, rename).
 *
 * @param path Target file path.
 * @param data Bytes or text to write.
 * @example Write a small JSON file
 * ```ts
 * import assert from "node:assert/strict";
 * import { atomicWrite } from "./atomic_write.ts";
 * const dir = await Deno.makeTempDir();
 * await atomicWrite(`${dir}/a.json`, JSON.stringify({ ok: true }));
 * assert.deepEqual(JSON.parse(await Deno.readTextFile(`${dir}/a.json`)), { ok: true });
 * // no temporary file is left beside it
 * assert.deepEqual(Array.from(Deno.readDirSync(dir), (e) => e.name), ["a.json"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function atomicWrite(path: string, data: Uint8Array | string): Promise<void> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const temp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const file = await Deno.open(temp, { write: true, create: true, truncate: true });
  try {
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
    await file.sync();
  } finally {
    file.close();
  }
  try {
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
