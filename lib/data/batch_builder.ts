/**
 * Turns images held as bytes into normalised float batches, with seeded augmentation.
 * @module
 */
import type { AugmentConfig, InputNormalization } from "../config/run_config.ts";
import type { LabeledImages, Normalization } from "../config/labeled_images.ts";
import type { SeededRandom } from "../util/seeded_random.ts";

/** A batch ready to upload: NHWC floats and int32 labels. */
export interface HostBatch {
  /** Normalised pixels, [B, H, W, C] row-major. */
  readonly images: Float32Array;
  /** Class indices, [B]. */
  readonly labels: Int32Array;
  /** B. */
  readonly size: number;
}

/**
 * Builds batches from a {@linkcode LabeledImages}: per-channel normalisation through a lookup table, and for
 * training batches a random crop after zero padding and a random horizontal flip (config `augment`).
 */
export class BatchBuilder {
  readonly #data: LabeledImages;
  readonly #lookup: Float32Array[];
  readonly #augment: AugmentConfig;
  readonly #perImage: boolean;

  /**
   * Creates a {@linkcode BatchBuilder}.
   * @param data The images.
   * @param normalization Per-channel mean and std (0-1 scale).
   * @param augment Augmentation used by `build(..., random)`.
   * @param inputNormalization `"dataset"` (default): the per-channel table only; `"image"` (r): then every image
   *   is shifted and scaled to zero mean and unit standard deviation over its own pixels.
   * @example Normalise one image
   * ```ts
   * import assert from "node:assert/strict";
   * import { BatchBuilder } from "./batch_builder.ts";
   * const data = { images: new Uint8Array([0, 255, 255, 0]), labels: new Uint8Array([1]), count: 1,
   *   height: 2, width: 2, channels: 1, numClasses: 2 };
   * const builder = new BatchBuilder(data, { mean: [0.5], std: [0.5] }, { cropPadding: 0, horizontalFlip: false });
   * assert.deepEqual(Array.from(builder.build([0]).images), [-1, 1, 1, -1]);
   * ```
   */
  constructor(
    data: LabeledImages,
    normalization: Normalization,
    augment: AugmentConfig,
    inputNormalization: InputNormalization = "dataset",
  ) {
    if (normalization.mean.length !== data.channels || normalization.std.length !== data.channels) {
      throw new RangeError(
        `normalization has ${normalization.mean.length} channels, images have ${data.channels}`,
      );
    }
    this.#data = data;
    this.#augment = augment;
    this.#perImage = inputNormalization === "image";
    this.#lookup = normalization.mean.map((mean, c) => {
      const table = new Float32Array(256);
      for (let v = 0; v < 256; v++) table[v] = (v / 255 - mean) / normalization.std[c];
      return table;
    });
  }

  /**
   * Gathers and normalises the images at `indices`; with `random`, applies the configured augmentation.
   *
   * @param indices Image indices into the data.
   * @param random Seeded generator for augmentation; omit for evaluation batches.
   * @returns The batch.
   */
  build(indices: ArrayLike<number>, random?: SeededRandom): HostBatch {
    const { height, width, channels, images, labels } = this.#data;
    const pixels = height * width * channels;
    const out = new Float32Array(indices.length * pixels);
    const outLabels = new Int32Array(indices.length);
    const pad = random ? this.#augment.cropPadding : 0;
    const flip = random !== undefined && this.#augment.horizontalFlip;
    for (let b = 0; b < indices.length; b++) {
      const index = indices[b];
      outLabels[b] = labels[index];
      const source = index * pixels;
      const target = b * pixels;
      const dy = pad ? random!.nextInt(2 * pad + 1) - pad : 0;
      const dx = pad ? random!.nextInt(2 * pad + 1) - pad : 0;
      const mirror = flip && random!.next() < 0.5;
      if (!dy && !dx && !mirror && channels === 1) {
        const table = this.#lookup[0];
        for (let i = 0; i < pixels; i++) out[target + i] = table[images[source + i]];
        if (this.#perImage) standardize(out, target, pixels);
        continue;
      }
      for (let y = 0; y < height; y++) {
        const sy = y + dy;
        for (let x = 0; x < width; x++) {
          const sx = (mirror ? width - 1 - x : x) + dx;
          const inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
          const o = target + (y * width + x) * channels;
          const s = source + (sy * width + sx) * channels;
          for (let c = 0; c < channels; c++) out[o + c] = this.#lookup[c][inside ? images[s + c] : 0];
        }
      }
      if (this.#perImage) standardize(out, target, pixels);
    }
    return { images: out, labels: outLabels, size: indices.length };
  }
}

/** Shifts and scales `values[start, start + length)` to zero mean and unit standard deviation. */
function standardize(values: Float32Array, start: number, length: number): void {
  let sum = 0;
  let squares = 0;
  for (let i = start; i < start + length; i++) {
    sum += values[i];
    squares += values[i] * values[i];
  }
  const mean = sum / length;
  const scale = 1 / Math.sqrt(Math.max(squares / length - mean * mean, 0) + 1e-6);
  for (let i = start; i < start + length; i++) values[i] = (values[i] - mean) * scale;
}
