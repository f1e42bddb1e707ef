/**
 * Frames larger than the broker's largest message (NATS `max_payload`, 1 MB by default) travel as numbered
 * chunks; the receiving side puts them back together.
 * @module
 */

/**
 * Cuts frame bytes into chunks of at most `maxBytes` (views, no copy).
 *
 * @param bytes The frame bytes.
 * @param maxBytes Largest chunk (>= 1).
 * @returns At least one chunk.
 * @example
 * ```ts
 * import { splitChunks } from "./frame_chunks.ts";
 * const chunks = splitChunks(new Uint8Array(10), 4);
 * if (chunks.map((c) => c.length).join() !== "4,4,2") throw new Error("unexpected chunking");
 * ```
 */
export function splitChunks(bytes: Uint8Array, maxBytes: number): Uint8Array[] {
  if (!(maxBytes >= 1)) throw new RangeError(`chunk size must be at least 1 byte, got ${maxBytes}`);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length || chunks.length === 0; at += maxBytes) {
    chunks.push(bytes.subarray(at, Math.min(bytes.length, at + maxBytes)));
  }
  return chunks;
}

/**
 * Puts chunks back together. Chunks of one frame arrive in order on a subject (one publisher per subject),
 * but a publisher that restarts may resend a frame from its first chunk: a chunk 0 restarts the frame.
 */
export class ChunkAssembler {
  #id: string | undefined;
  #parts: Uint8Array[] = [];

  /**
   * Adds one chunk.
   *
   * @param id The frame's id.
   * @param index This chunk's index (0-based).
   * @param count Chunks in the frame.
   * @param data The chunk's bytes.
   * @returns The whole frame when this chunk completes it, else undefined.
   * @example
   * ```ts
   * import { ChunkAssembler } from "./frame_chunks.ts";
   * const a = new ChunkAssembler();
   * a.add("f", 0, 2, new Uint8Array([1]));
   * if (a.add("f", 1, 2, new Uint8Array([2]))?.join() !== "1,2") throw new Error("not joined");
   * ```
   */
  add(id: string, index: number, count: number, data: Uint8Array): Uint8Array | undefined {
    if (index === 0) {
      this.#id = id;
      this.#parts = [];
    } else if (id !== this.#id || index !== this.#parts.length) {
      // A stray tail of a frame whose start was not seen (already handled before a restart): drop it.
      return undefined;
    }
    this.#parts.push(data);
    if (this.#parts.length < count) return undefined;
    const whole = new Uint8Array(this.#parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const part of this.#parts) {
      whole.set(part, at);
      at += part.length;
    }
    this.#id = undefined;
    this.#parts = [];
    return whole;
  }
}
