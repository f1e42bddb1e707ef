/**
 * A small reader for MATLAB level-5 MAT-files (the format of the ImageNet devkit's `data/meta.mat`): numeric,
 * char, cell and struct arrays, uncompressed or zlib-compressed (`miCOMPRESSED`, MATLAB's `-v7` default), either
 * byte order. Sparse and object arrays are refused with a clear error: meta.mat has none.
 * @module
 */

import { inflateSync } from "node:zlib";
import { DatasetFormatError } from "../dataset_errors.ts";

/** A value read from a MAT-file: numbers (column-major), a string (char row), a cell array, a struct array, or null (empty). */
export type MatValue = number[] | string | MatValue[] | MatStruct | null;

/** A struct array: one record per element, in column-major order. */
export interface MatStruct {
  /** Field names in file order. */
  readonly fieldNames: readonly string[];
  /** One record per element. */
  readonly records: readonly Record<string, MatValue>[];
}

// Data types (mi*) and array classes (mx*) of the MAT-file level 5 specification.
const MI_MATRIX = 14, MI_COMPRESSED = 15;
const MX_CELL = 1, MX_STRUCT = 2, MX_CHAR = 4;
const NUMERIC_CLASSES = new Set([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

interface Element {
  readonly type: number;
  readonly data: DataView;
  /** Offset just past this element (8-byte aligned except after compressed elements). */
  readonly next: number;
}

class Reader {
  constructor(readonly file: string, readonly little: boolean) {}

  fail(problem: string): never {
    throw new DatasetFormatError(this.file, problem, "use the devkit's original meta.mat");
  }

  element(view: DataView, offset: number): Element {
    if (offset + 8 > view.byteLength) this.fail(`MAT-file element at byte ${offset} runs past the end`);
    const first = view.getUint32(offset, this.little);
    if (first >>> 16 !== 0) {
      // Small data element: type and size share the first word, up to 4 bytes of data follow.
      const data = new DataView(view.buffer, view.byteOffset + offset + 4, first >>> 16);
      return { type: first & 0xffff, data, next: offset + 8 };
    }
    const size = view.getUint32(offset + 4, this.little);
    if (offset + 8 + size > view.byteLength) {
      this.fail(`MAT-file element at byte ${offset} claims ${size} bytes`);
    }
    const data = new DataView(view.buffer, view.byteOffset + offset + 8, size);
    const next = first === MI_COMPRESSED ? offset + 8 + size : offset + 8 + Math.ceil(size / 8) * 8;
    return { type: first, data, next };
  }

  numbers(element: Element): number[] {
    const { type, data } = element;
    const widths: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8, 12: 8, 13: 8 };
    const width = widths[type];
    if (width === undefined) this.fail(`MAT-file numeric data has unsupported type ${type}`);
    const out: number[] = [];
    for (let at = 0; at + width <= data.byteLength; at += width) {
      const l = this.little;
      out.push(
        type === 1
          ? data.getInt8(at)
          : type === 2
          ? data.getUint8(at)
          : type === 3
          ? data.getInt16(at, l)
          : type === 4
          ? data.getUint16(at, l)
          : type === 5
          ? data.getInt32(at, l)
          : type === 6
          ? data.getUint32(at, l)
          : type === 7
          ? data.getFloat32(at, l)
          : type === 9
          ? data.getFloat64(at, l)
          : type === 12
          ? Number(data.getBigInt64(at, l))
          : Number(data.getBigUint64(at, l)),
      );
    }
    return out;
  }

  text(element: Element): string {
    const bytes = new Uint8Array(element.data.buffer, element.data.byteOffset, element.data.byteLength);
    // miUTF8 (16) and 8-bit types hold bytes; miUINT16 (4) and miUTF16 (17) hold one code unit per character.
    if (element.type === 4 || element.type === 17) {
      return String.fromCharCode(...this.numbers({ ...element, type: 4 }));
    }
    return new TextDecoder().decode(bytes);
  }

  /** Parses an `miMATRIX` element's content. */
  matrix(view: DataView): MatValue {
    if (view.byteLength === 0) return null;
    const flags = this.element(view, 0);
    const arrayClass = flags.data.getUint32(0, this.little) & 0xff;
    const dimsElement = this.element(view, flags.next);
    const dims = this.numbers(dimsElement);
    const count = dims.reduce((a, b) => a * b, 1);
    const name = this.element(view, dimsElement.next);
    let at = name.next;
    const children = (n: number) =>
      Array.from({ length: n }, () => {
        const child = this.element(view, at);
        if (child.type !== MI_MATRIX) this.fail(`MAT-file array holds a type-${child.type} element`);
        at = child.next;
        return this.matrix(child.data);
      });
    if (arrayClass === MX_CELL) return children(count);
    if (arrayClass === MX_STRUCT) {
      const lengthElement = this.element(view, at);
      const nameLength = this.numbers(lengthElement)[0];
      const namesElement = this.element(view, lengthElement.next);
      const raw = new Uint8Array(
        namesElement.data.buffer,
        namesElement.data.byteOffset,
        namesElement.data.byteLength,
      );
      const fieldNames: string[] = [];
      for (let o = 0; o + nameLength <= raw.length; o += nameLength) {
        const field = raw.subarray(o, o + nameLength);
        const end = field.indexOf(0);
        fieldNames.push(new TextDecoder().decode(end < 0 ? field : field.subarray(0, end)));
      }
      at = namesElement.next;
      const records = Array.from({ length: count }, () => {
        const values = children(fieldNames.length);
        return Object.fromEntries(fieldNames.map((f, i) => [f, values[i]]));
      });
      return { fieldNames, records };
    }
    // An empty array may end after its name, with no data element.
    const empty = count === 0 && at >= view.byteLength;
    if (arrayClass === MX_CHAR) return empty ? "" : this.text(this.element(view, at));
    if (NUMERIC_CLASSES.has(arrayClass)) return empty ? [] : this.numbers(this.element(view, at));
    return this.fail(`MAT-file array class ${arrayClass} (sparse or object) is not supported`);
  }
}

/**
 * Reads one top-level variable of a level-5 MAT-file.
 *
 * @param bytes The whole file.
 * @param file The file's name, for errors.
 * @param variable The variable to read, e.g. `"synsets"`.
 * @returns Its value (a struct array for meta.mat's `synsets`).
 * @throws DatasetFormatError when the file is not a level-5 MAT-file, lacks the variable, or uses an unsupported
 *   array class.
 */
export function readMatVariable(bytes: Uint8Array, file: string, variable: string): MatValue {
  const indicator = String.fromCharCode(bytes[126] ?? 0, bytes[127] ?? 0);
  if (bytes.length < 128 || (indicator !== "IM" && indicator !== "MI")) {
    throw new DatasetFormatError(file, "not a level-5 MAT-file (no MI/IM byte-order mark at byte 126)");
  }
  const reader = new Reader(file, indicator === "IM");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (let offset = 128; offset + 8 <= view.byteLength;) {
    let element = reader.element(view, offset);
    offset = element.next;
    if (element.type === MI_COMPRESSED) {
      const packed = new Uint8Array(element.data.buffer, element.data.byteOffset, element.data.byteLength);
      const plain = new Uint8Array(inflateSync(packed));
      element = reader.element(new DataView(plain.buffer, plain.byteOffset, plain.byteLength), 0);
    }
    if (element.type !== MI_MATRIX) continue;
    const flags = reader.element(element.data, 0);
    const dims = reader.element(element.data, flags.next);
    const nameElement = reader.element(element.data, dims.next);
    const name = reader.text(nameElement);
    if (name === variable) return reader.matrix(element.data);
    names.push(name);
  }
  throw new DatasetFormatError(
    file,
    `has no variable "${variable}" (found: ${names.join(", ") || "none"})`,
    "use the devkit's original meta.mat",
  );
}
