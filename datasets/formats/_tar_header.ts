/**
 * Private: the fields of a 512-byte tar header (ustar, GNU base-256 sizes and long names, pax `path`), read the
 * same way by the in-memory reader (`tar.ts`) and the on-disk index (`tar_index.ts`).
 * @module
 */

const decoder = new TextDecoder();

/**
 * A NUL-terminated text field.
 *
 * @param block A header block, or a long-name record's data.
 * @param start First byte of the field.
 * @param length The field's width in bytes.
 * @returns The text up to the first NUL (the whole field when there is none).
 */
function tarText(block: Uint8Array, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

function octal(block: Uint8Array, start: number, length: number): number {
  if (block[start] & 0x80) {
    // GNU base-256 encoding for sizes of 8 GiB and more.
    let value = 0;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + block[i];
    return value;
  }
  const digits = tarText(block, start, length).trim();
  return digits === "" ? 0 : parseInt(digits, 8);
}

/** What a header says about its member. */
export interface TarHeader {
  /** The path from the header (ustar prefix joined); a preceding long-name record overrides it. */
  readonly name: string;
  /** Bytes of data after the header. */
  readonly size: number;
  /** The type flag: "0" or "7" a file, "5" a directory, "L" a GNU long name, "x" / "g" pax records. */
  readonly typeflag: string;
}

/**
 * Reads a header block, or says it is damaged.
 *
 * @param block 512 bytes that are not all zero.
 * @returns The header's fields, or undefined when the block fails its checksum.
 */
export function readTarHeader(block: Uint8Array): TarHeader | undefined {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
  if (sum !== octal(block, 148, 8)) return undefined;
  const prefix = tarText(block, 257, 6).startsWith("ustar") ? tarText(block, 345, 155) : "";
  return {
    name: prefix ? `${prefix}/${tarText(block, 0, 100)}` : tarText(block, 0, 100),
    size: octal(block, 124, 12),
    typeflag: String.fromCharCode(block[156] || 0x30),
  };
}

/**
 * The member name a long-name record ("L") or a pax record ("x") sets for the member after it.
 *
 * @param typeflag `"L"` or `"x"`.
 * @param data The record's data.
 * @returns The name, or undefined for a pax record without a `path`.
 */
export function recordName(typeflag: "L" | "x", data: Uint8Array): string | undefined {
  return typeflag === "L"
    ? tarText(data, 0, data.length)
    : decoder.decode(data).match(/^\d+ path=(.*)$/m)?.[1];
}
