/**
 * The images of one ImageNet split as found on disk (files in folders, or members of an archive), their labels,
 * a checksum of the whole list, and a reader of their bytes.
 * @module
 */

import { createHash } from "node:crypto";
import { readAt } from "../formats/tar_index.ts";

/** One image of a split. */
export interface ImageSource {
  /**
   * A name that does not depend on the layout: `"<wnid>/<file>"` for training images, `"<file>"` for validation
   * images. The archive and the extracted folders of the same data give the same names.
   */
  readonly name: string;
  /** Class index (sorted-wnid order). */
  readonly label: number;
  /** Size of the encoded image in bytes. */
  readonly size: number;
  /** The image file (folder layout). */
  readonly path?: string;
  /** Byte offset of the image inside {@linkcode ImageList.archive} (archive layout). */
  readonly offset?: number;
}

/** Every image of a split, sorted by name. */
export interface ImageList {
  /** `"train"` or `"val"`. */
  readonly split: "train" | "val";
  /** The folder or archive the images come from, for events and the cache header. */
  readonly where: string;
  /** The archive holding the images (archive layout only). */
  readonly archive?: string;
  /** The images, sorted by name. */
  readonly images: readonly ImageSource[];
}

/**
 * A checksum of the list: sha256 over every image's name, size and label, in order. Two lists with the same
 * checksum describe the same images with the same labels, whether they come from the archive or the folders.
 *
 * @param list The images.
 * @returns Lower-case hex sha256.
 * @example
 * ```ts
 * import { imageListChecksum } from "./image_list.ts";
 * const a = imageListChecksum({ split: "val", where: "x", images: [{ name: "a.JPEG", label: 0, size: 9 }] });
 * const b = imageListChecksum({ split: "val", where: "y", images: [{ name: "a.JPEG", label: 1, size: 9 }] });
 * if (a === b) throw new Error("labels must change the checksum");
 * ```
 */
export function imageListChecksum(list: ImageList): string {
  const hash = createHash("sha256");
  let text = "";
  for (const image of list.images) {
    text += `${image.name}\t${image.size}\t${image.label}\n`;
    if (text.length > 1 << 16) {
      hash.update(text);
      text = "";
    }
  }
  return hash.update(text).digest("hex");
}

/** Reads the bytes of images; not safe for concurrent reads (open one reader per concurrent lane). */
export interface ImageReader {
  /** Reads one image's encoded bytes. */
  read(image: ImageSource): Promise<Uint8Array>;
  /** Closes the archive, if one is open. */
  close(): void;
}

/**
 * Opens a reader for the images of `list`.
 *
 * @param list The images.
 * @returns A reader; close it when done.
 * @throws Error naming the image when its bytes are shorter than listed (the file changed since it was listed).
 */
export async function openImageReader(list: ImageList): Promise<ImageReader> {
  const archive = list.archive ? await Deno.open(list.archive, { read: true }) : undefined;
  const check = (image: ImageSource, bytes: Uint8Array) => {
    if (bytes.length !== image.size) {
      throw new Error(
        `Image "${image.name}" in ${list.where} has ${bytes.length} bytes, ${image.size} when it was listed; ` +
          `the data changed during the build: run again`,
      );
    }
    return bytes;
  };
  return {
    async read(image) {
      if (archive && image.offset !== undefined) {
        return check(image, await readAt(archive, image.offset, image.size));
      }
      return check(image, await Deno.readFile(image.path!));
    },
    close() {
      archive?.close();
    },
  };
}
