/**
 * Decodes an ImageNet image (JPEG; a few are PNG, CMYK or greyscale) into an S x S RGB square: the shorter side is
 * resized to S, then the centre is cropped, as the usual "resize, centre crop" evaluation transform does. Uses
 * `npm:sharp` (libvips), imported lazily on first use so nothing else in asge needs it; it needs `--allow-ffi`.
 * @module
 */

import { DatasetFormatError } from "../dataset_errors.ts";

/** Decodes encoded image bytes to `size x size x 3` RGB bytes (HWC). */
export type ImageDecoder = (bytes: Uint8Array, name: string) => Promise<Uint8Array>;

type Sharp = typeof import("sharp");
let sharpModule: Promise<Sharp> | undefined;

/**
 * Loads sharp once; a failure says how to fix it.
 *
 * @returns The sharp module, with its cache off and one libvips thread per image (asge decodes several images at
 *   once instead).
 */
export function loadSharp(): Promise<Sharp> {
  sharpModule ??= import("sharp").then((module) => {
    const sharp = (module as unknown as { default: Sharp }).default ?? module;
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  }).catch((error) => {
    sharpModule = undefined;
    throw new Error(
      `Cannot load npm:sharp to decode ImageNet JPEGs (${
        (error as Error).message
      }); run deno with --allow-ffi ` +
        `(deno task commands do), and make sure "sharp" is in deno.json's imports and installable from npm`,
    );
  });
  return sharpModule;
}

/**
 * Returns a decoder to `size x size` RGB.
 *
 * @param size The side S in pixels.
 * @returns An async decoder; it rejects with a {@linkcode DatasetFormatError} naming the image when the bytes are
 *   not a readable image.
 * @example Decode a JPEG made from a red square
 * ```ts
 * import { imageDecoder, loadSharp } from "./decode.ts";
 * const sharp = await loadSharp();
 * const red = new Uint8Array(40 * 30 * 3).map((_, i) => (i % 3 === 0 ? 255 : 0));
 * const jpeg = await sharp(red, { raw: { width: 40, height: 30, channels: 3 } }).jpeg().toBuffer();
 * const pixels = await (imageDecoder(8))(new Uint8Array(jpeg), "red.JPEG");
 * if (pixels.length !== 8 * 8 * 3 || pixels[0] < 240 || pixels[1] > 15) throw new Error("not red");
 * ```
 */
export function imageDecoder(size: number): ImageDecoder {
  return async (bytes, name) => {
    const sharp = await loadSharp();
    let output;
    try {
      output = await sharp(bytes, { failOn: "none" })
        .resize(size, size, { fit: "cover", position: "centre" })
        .removeAlpha()
        .toColourspace("srgb")
        .raw()
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw new DatasetFormatError(
        name,
        `cannot be decoded as an image (${(error as Error).message})`,
        "replace it with the original file from the official archive",
      );
    }
    const { data, info } = output;
    if (info.width !== size || info.height !== size || info.channels !== 3) {
      throw new DatasetFormatError(
        name,
        `decoded to ${info.width}x${info.height}x${info.channels}, expected ${size}x${size}x3`,
        "replace it with the original file from the official archive",
      );
    }
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  };
}
