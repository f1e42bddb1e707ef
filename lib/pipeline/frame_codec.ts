/**
 * The bytes of one pipeline frame: a JSON header and named arrays, each stored as float32 or, to halve what
 * crosses the broker, as IEEE half floats (float16, about 3 significant digits). Layout: 8 bytes magic, uint32
 * LE header length, UTF-8 JSON (header and array layout), zero padding to a multiple of 4, then the arrays back
 * to back, each padded to a multiple of 4 bytes.
 * @module
 */

const MAGIC = "ASGEFRM1";

/** How an array travels: 4 bytes per value, or 2 (rounded to the nearest half float). */
export type WireType = "float32" | "float16";

/** A decoded frame. */
export interface Frame<H> {
  /** The JSON header. */
  readonly header: H;
  /** The arrays by name, widened back to float32. */
  readonly arrays: ReadonlyMap<string, Float32Array>;
}

interface LayoutEntry {
  readonly name: string;
  readonly length: number;
  readonly type: WireType;
}

const padded = (bytes: number) => Math.ceil(bytes / 4) * 4;

/**
 * Encodes a header and named float32 arrays into frame bytes.
 *
 * @param header Any JSON-able header.
 * @param arrays Named arrays.
 * @param half Names of the arrays to send as float16 (the rest travel as float32, bit for bit).
 * @returns The frame bytes.
 * @example Round trip, one array as float16
 * ```ts
 * import { decodeFrame, encodeFrame } from "./frame_codec.ts";
 * const bytes = encodeFrame({ seq: 7 }, new Map([["x", new Float32Array([1, 0.1])], ["y", new Float32Array([0.1])]]),
 *   new Set(["x"]));
 * const frame = decodeFrame<{ seq: number }>(bytes);
 * if (frame.header.seq !== 7 || frame.arrays.get("y")![0] !== Math.fround(0.1)) throw new Error("float32 changed");
 * if (Math.abs(frame.arrays.get("x")![1] - 0.1) > 1e-4) throw new Error("float16 too far off");
 * ```
 */
export function encodeFrame<H>(
  header: H,
  arrays: ReadonlyMap<string, Float32Array>,
  half: ReadonlySet<string> = new Set(),
): Uint8Array {
  const layout: LayoutEntry[] = [...arrays].map(([name, a]) => ({
    name,
    length: a.length,
    type: half.has(name) ? "float16" : "float32",
  }));
  const json = new TextEncoder().encode(JSON.stringify({ header, layout }));
  const start = padded(12 + json.length);
  const sizes = layout.map((e) => padded(e.length * (e.type === "float16" ? 2 : 4)));
  const bytes = new Uint8Array(start + sizes.reduce((s, n) => s + n, 0));
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 12);
  let offset = start;
  layout.forEach((entry, i) => {
    const values = arrays.get(entry.name)!;
    const wire = entry.type === "float16" ? Float16Array.from(values) : values;
    bytes.set(new Uint8Array(wire.buffer, wire.byteOffset, wire.byteLength), offset);
    offset += sizes[i];
  });
  return bytes;
}

/**
 * Decodes frame bytes written by {@linkcode encodeFrame}.
 *
 * @param bytes The frame bytes (any alignment).
 * @returns The header and the arrays as float32; throws when the bytes are not a whole frame.
 */
export function decodeFrame<H>(bytes: Uint8Array): Frame<H> {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new Error(
      `pipeline frame: bad magic in ${bytes.length} bytes; is another program on this subject?`,
    );
  }
  const jsonLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const { header, layout } = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))) as {
    header: H;
    layout: LayoutEntry[];
  };
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  let offset = padded(12 + jsonLength);
  const arrays = new Map<string, Float32Array>();
  for (const { name, length, type } of layout) {
    const width = type === "float16" ? 2 : 4;
    if (offset + length * width > aligned.length) {
      throw new Error(`pipeline frame: array "${name}" runs past the frame's ${aligned.length} bytes`);
    }
    const at = aligned.byteOffset + offset;
    arrays.set(
      name,
      type === "float16"
        ? Float32Array.from(new Float16Array(aligned.buffer, at, length))
        : new Float32Array(aligned.buffer, at, length).slice(),
    );
    offset += padded(length * width);
  }
  return { header, arrays };
}
