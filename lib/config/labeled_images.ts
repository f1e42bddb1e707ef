/**
 * The data contract between dataset loaders and the trainer: images as bytes in NHWC order.
 * @module
 */

/** A set of labelled images held in memory, pixels as bytes (0-255) in NHWC order. */
export interface LabeledImages {
  /** Pixel bytes, `count * height * width * channels` long, NHWC, channels interleaved (RGB for colour). */
  readonly images: Uint8Array;
  /** One class index per image, `0 <= label < numClasses`. */
  readonly labels: Uint8Array | Uint16Array;
  /** Number of images. */
  readonly count: number;
  /** Image height in pixels. */
  readonly height: number;
  /** Image width in pixels. */
  readonly width: number;
  /** 1 for grey, 3 for RGB. */
  readonly channels: number;
  /** Number of classes N. */
  readonly numClasses: number;
}

/** Per-channel normalisation applied as `(pixel / 255 - mean[c]) / std[c]`. */
export interface Normalization {
  /** Mean of each channel on the 0-1 scale. */
  readonly mean: readonly number[];
  /** Standard deviation of each channel on the 0-1 scale. */
  readonly std: readonly number[];
}

/** A dataset as a loader returns it: a training split, a test split and how to normalise them. */
export interface DatasetSplits {
  /** Dataset name, e.g. `"fashion-mnist"`. */
  readonly name: string;
  /** The official training split (the trainer holds a validation split out of it). */
  readonly train: LabeledImages;
  /** The official test split, used only for the final number. */
  readonly test: LabeledImages;
  /** Per-dataset normalisation. */
  readonly normalization: Normalization;
  /** Human-readable class names, `numClasses` long. */
  readonly classNames: readonly string[];
}
