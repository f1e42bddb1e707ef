/**
 * Writers for small ImageNet-style data sets made of real JPEGs (encoded with sharp from solid colours), in the
 * official archive layout (a tar of per-class tars, a flat validation tar, the devkit with its ground truth and a
 * level-5 `meta.mat`) and in the extracted folder layout.
 * @module
 */

import { deflateSync } from "node:zlib";
import { join } from "node:path";
import { loadSharp } from "../../datasets/imagenet/decode.ts";
import { gzip, tarArchive } from "./_dataset_files.ts";

/** Encodes a solid-colour `width x height` image as JPEG (quality 95) or PNG. */
export async function solidImage(
  rgb: readonly [number, number, number],
  width: number,
  height: number,
  format: "jpeg" | "png" = "jpeg",
): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const pixels = new Uint8Array(width * height * 3).map((_, i) => rgb[i % 3]);
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  const out = format === "jpeg" ? await image.jpeg({ quality: 95 }).toBuffer() : await image.png().toBuffer();
  return new Uint8Array(out);
}

// ---- MAT-file level 5, written the way MATLAB writes meta.mat: doubles stored as small integers, chars as UTF-16.

function element(type: number, data: Uint8Array, small = false): Uint8Array {
  if (small && data.length <= 4) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setUint32(0, (data.length << 16) | type, true);
    out.set(data, 4);
    return out;
  }
  const out = new Uint8Array(8 + Math.ceil(data.length / 8) * 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) (out.set(p, o), o += p.length);
  return out;
}

function ints(type: "u32" | "i32" | "u16" | "u8", values: number[]): Uint8Array {
  const width = type === "u8" ? 1 : type === "u16" ? 2 : 4;
  const out = new Uint8Array(values.length * width);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    if (type === "u8") view.setUint8(i, v);
    else if (type === "u16") view.setUint16(2 * i, v, true);
    else if (type === "u32") view.setUint32(4 * i, v, true);
    else view.setInt32(4 * i, v, true);
  });
  return out;
}

function matrix(arrayClass: number, dims: number[], name: string, body: Uint8Array[]): Uint8Array {
  const head = [
    element(6, ints("u32", [arrayClass, 0])),
    element(5, ints("i32", dims)),
    element(1, new TextEncoder().encode(name)),
  ];
  return element(14, concat([...head, ...body]));
}

/** A field value: a number (stored as uint8/uint16 like MATLAB does), a string, or an empty matrix. */
export type MatField = number | string | null;

function fieldMatrix(value: MatField): Uint8Array {
  if (value === null) return matrix(6, [0, 0], "", [element(9, new Uint8Array(0))]);
  if (typeof value === "string") {
    return matrix(4, [1, value.length], "", [
      element(4, ints("u16", [...value].map((c) => c.charCodeAt(0)))),
    ]);
  }
  const storage = value < 256
    ? element(2, ints("u8", [value]), true)
    : element(4, ints("u16", [value]), true);
  return matrix(6, [1, 1], "", [storage]);
}

/**
 * A level-5 MAT-file holding one struct array variable.
 *
 * @param name Variable name, e.g. `"synsets"`.
 * @param records One record per element; every record has the same fields.
 * @param compress Wrap the variable in `miCOMPRESSED` (MATLAB's default since v7).
 */
export function matFile(name: string, records: Record<string, MatField>[], compress = true): Uint8Array {
  const fields = Object.keys(records[0]);
  const nameLength = 32;
  const names = new Uint8Array(fields.length * nameLength);
  fields.forEach((f, i) => names.set(new TextEncoder().encode(f), i * nameLength));
  const body = [element(5, ints("i32", [nameLength]), true), element(1, names)];
  for (const record of records) for (const f of fields) body.push(fieldMatrix(record[f]));
  const variable = matrix(2, [records.length, 1], name, body);
  const header = new Uint8Array(128).fill(32);
  header.set(new TextEncoder().encode("MATLAB 5.0 MAT-file, written by asge tests"), 0);
  header.set([0, 0, 0, 0, 0, 0, 0, 0], 116);
  header.set([0x00, 0x01, 0x49, 0x4d], 124);
  if (!compress) return concat([header, variable]);
  const packed = new Uint8Array(deflateSync(variable));
  const tag = new Uint8Array(8);
  new DataView(tag.buffer).setUint32(0, 15, true);
  new DataView(tag.buffer).setUint32(4, packed.length, true);
  return concat([header, tag, packed]);
}

// ---- A whole ImageNet-style data set.

/** Colour of image `index` of class `label`: red codes the class, green the image, blue the split. */
export function imageColour(label: number, index: number, split: "train" | "val"): [number, number, number] {
  return [30 + 70 * label, 20 + 25 * (index % 8), split === "train" ? 60 : 200];
}

/** What {@linkcode writeImagenet} wrote. */
export interface TinyImagenet {
  /** Class wnids, sorted. */
  readonly wnids: readonly string[];
  /** Training images per class. */
  readonly perClass: number;
  /** Sorted-wnid label of validation image i (file `ILSVRC2012_val_0000000{i+1}.JPEG`). */
  readonly valLabels: readonly number[];
}

/** Options of {@linkcode writeImagenet}. */
export interface TinyImagenetOptions {
  /** `"archives"`: the official tars and devkit; `"folders"`: `train/<wnid>/` and `val/`. */
  readonly layout: "archives" | "folders";
  /** Folder layout only: `"flat"` val images labelled by the devkit folder, or `"classes"` (`val/<wnid>/`). */
  readonly valLayout?: "flat" | "classes";
  /** Class wnids in the devkit's ILSVRC2012_ID order (not sorted, as in the real devkit). */
  readonly devkitOrder?: readonly string[];
  /** Training images per class (default 4). */
  readonly perClass?: number;
  /** Validation images (default 6). */
  readonly valCount?: number;
}

/** The default classes, in a devkit order that differs from sorted order: kit fox, tench, goldfish. */
export const TINY_DEVKIT_ORDER = ["n02119789", "n01440764", "n01443537"] as const;

/**
 * Writes a tiny ImageNet in `dir`: every image a solid colour from {@linkcode imageColour}, with varied sizes and
 * aspect ratios (one training image is a PNG, as one real one is).
 */
export async function writeImagenet(dir: string, options: TinyImagenetOptions): Promise<TinyImagenet> {
  const devkitOrder = options.devkitOrder ?? TINY_DEVKIT_ORDER;
  const wnids = [...devkitOrder].sort();
  const perClass = options.perClass ?? 4;
  const valCount = options.valCount ?? 6;
  const sizes = [[40, 30], [24, 36], [50, 50], [33, 21]];
  const train: Record<string, Record<string, Uint8Array>> = {};
  for (const [label, wnid] of wnids.entries()) {
    train[wnid] = {};
    for (let i = 0; i < perClass; i++) {
      const [w, h] = sizes[i % sizes.length];
      const png = label === 0 && i === 1;
      train[wnid][`${wnid}_${100 + i}.JPEG`] = await solidImage(
        imageColour(label, i, "train"),
        w,
        h,
        png ? "png" : "jpeg",
      );
    }
  }
  const valLabels = Array.from({ length: valCount }, (_, i) => (i * 2 + 1) % wnids.length);
  const val: Record<string, Uint8Array> = {};
  for (const [i, label] of valLabels.entries()) {
    const [w, h] = sizes[(i + 1) % sizes.length];
    val[`ILSVRC2012_val_${String(i + 1).padStart(8, "0")}.JPEG`] = await solidImage(
      imageColour(label, i, "val"),
      w,
      h,
    );
  }
  const truth = valLabels.map((label) => devkitOrder.indexOf(wnids[label]) + 1).join("\n") + "\n";
  const synsets: Record<string, MatField>[] = devkitOrder.map((wnid, i) => ({
    ILSVRC2012_ID: i + 1,
    WNID: wnid,
    words: `words of ${wnid}, synonym`,
    gloss: "a class",
    num_children: 0,
    children: null,
    wordnet_height: 0,
    num_train_images: perClass,
  }));
  // An inner node of the hierarchy, as meta.mat has 860 of them after the 1000 leaves.
  synsets.push({ ...synsets[0], ILSVRC2012_ID: devkitOrder.length + 1, WNID: "n00001740", num_children: 2 });
  const devkit = {
    "ILSVRC2012_devkit_t12/data/ILSVRC2012_validation_ground_truth.txt": new TextEncoder().encode(truth),
    "ILSVRC2012_devkit_t12/data/meta.mat": matFile("synsets", synsets),
  };
  await Deno.mkdir(dir, { recursive: true });
  if (options.layout === "archives") {
    const classTars = Object.fromEntries(wnids.map((wnid) => [`${wnid}.tar`, tarArchive(train[wnid])]));
    await Deno.writeFile(join(dir, "ILSVRC2012_img_train.tar"), tarArchive(classTars));
    await Deno.writeFile(join(dir, "ILSVRC2012_img_val.tar"), tarArchive(val));
    await Deno.writeFile(join(dir, "ILSVRC2012_devkit_t12.tar.gz"), gzip(tarArchive(devkit)));
  } else {
    for (const wnid of wnids) {
      await Deno.mkdir(join(dir, "train", wnid), { recursive: true });
      for (const [name, bytes] of Object.entries(train[wnid])) {
        await Deno.writeFile(join(dir, "train", wnid, name), bytes);
      }
    }
    for (const [i, [name, bytes]] of Object.entries(val).entries()) {
      const folder = options.valLayout === "classes"
        ? join(dir, "val", wnids[valLabels[i]])
        : join(dir, "val");
      await Deno.mkdir(folder, { recursive: true });
      await Deno.writeFile(join(folder, name), bytes);
    }
    if (options.valLayout !== "classes") {
      for (const [name, bytes] of Object.entries(devkit)) {
        await Deno.mkdir(join(dir, name, ".."), { recursive: true });
        await Deno.writeFile(join(dir, name), bytes);
      }
    }
  }
  return { wnids, perClass, valLabels };
}
