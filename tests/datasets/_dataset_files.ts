/**
 * Writers for small dataset files in the exact original formats: IDX (images, labels), CIFAR binary records,
 * ustar tar archives and gzip, so loaders can be tested without the network.
 * @module
 */

import { gzipSync } from "node:zlib";

/** Gzip-compresses bytes (one member, as the dataset files are). */
export function gzip(bytes: Uint8Array): Uint8Array {
  const out = gzipSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function header(magic: number, dims: number[]): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return bytes;
}

/** An IDX image file (magic 2051): `count` images of `height x width`, pixel value from `pixel(n, y, x)`. */
export function idxImages(
  count: number,
  height: number,
  width: number,
  pixel: (n: number, y: number, x: number) => number,
): Uint8Array {
  const out = new Uint8Array(16 + count * height * width);
  out.set(header(2051, [count, height, width]));
  let o = 16;
  for (let n = 0; n < count; n++) {
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[o++] = pixel(n, y, x);
  }
  return out;
}

/** An IDX label file (magic 2049). */
export function idxLabels(labels: number[]): Uint8Array {
  const out = new Uint8Array(8 + labels.length);
  out.set(header(2049, [labels.length]));
  out.set(labels, 8);
  return out;
}

/**
 * CIFAR binary records: `labels` bytes per record (1 for CIFAR-10, coarse and fine for CIFAR-100), then 1024
 * red, 1024 green and 1024 blue bytes; channel `c` of pixel (y, x) of record `n` is `pixel(n, c, y, x)`.
 */
export function cifarRecords(
  labels: number[][],
  pixel: (n: number, c: number, y: number, x: number) => number,
): Uint8Array {
  const recordBytes = labels[0].length + 3072;
  const out = new Uint8Array(labels.length * recordBytes);
  labels.forEach((label, n) => {
    let o = n * recordBytes;
    for (const b of label) out[o++] = b;
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) out[o++] = pixel(n, c, y, x);
    }
  });
  return out;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

/** A ustar archive of `files` (path -> bytes), with directory entries for their folders, ended by two zero blocks. */
export function tarArchive(files: Record<string, Uint8Array>): Uint8Array {
  const encoder = new TextEncoder();
  const blocks: Uint8Array[] = [];
  const entry = (name: string, type: "0" | "5", data: Uint8Array) => {
    const h = new Uint8Array(512);
    const put = (offset: number, text: string) => h.set(encoder.encode(text), offset);
    put(0, name);
    put(100, octal(type === "5" ? 0o755 : 0o644, 8));
    put(108, octal(0, 8));
    put(116, octal(0, 8));
    put(124, octal(data.length, 12));
    put(136, octal(1_700_000_000, 12));
    put(148, "        ");
    put(156, type);
    put(257, "ustar\0");
    put(263, "00");
    const sum = h.reduce((a, b) => a + b, 0);
    put(148, sum.toString(8).padStart(6, "0") + "\0 ");
    blocks.push(h);
    if (data.length > 0) {
      const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
      padded.set(data);
      blocks.push(padded);
    }
  };
  const folders = new Set<string>();
  for (const [name, data] of Object.entries(files)) {
    const folder = name.includes("/") ? name.slice(0, name.lastIndexOf("/") + 1) : "";
    if (folder && !folders.has(folder)) {
      folders.add(folder);
      entry(folder, "5", new Uint8Array(0));
    }
    entry(name, "0", data);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((a, b) => a + b.length, 0));
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}
