/**
 * A synthetic stand-in dataset of any shape: for notebooks and CI on machines without CIFAR or ImageNet. It is
 * not a benchmark; it only has the right image size, channel count and number of classes, and is learnable.
 * @module
 */

import type { DatasetSplits, LabeledImages } from "../../lib/config/labeled_images.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";
import { computeNormalization } from "../compute_normalization.ts";

/** Options of {@linkcode syntheticDataset}. */
export interface SyntheticDatasetOptions {
  /** Dataset name recorded in the splits (default `"synthetic"`). */
  readonly name?: string;
  /** Image height in pixels. */
  readonly height: number;
  /** Image width in pixels. */
  readonly width: number;
  /** 1 for grey, 3 for RGB. */
  readonly channels: number;
  /** Number of classes N (up to 65536). */
  readonly numClasses: number;
  /** Images in the training split. */
  readonly trainCount: number;
  /** Images in the test split. */
  readonly testCount: number;
  /** Seed of every random choice (default 1): the same options give the same bytes. */
  readonly seed?: number;
  /** Standard deviation of the pixel noise on the 0-1 scale (default 0.15). */
  readonly noise?: number;
  /** Class names (default `"class 0"`, `"class 1"`, ...). */
  readonly classNames?: readonly string[];
}

/** What makes a class: a striped, colored blob at a place of its own. */
interface ClassPattern {
  centerX: number;
  centerY: number;
  radius: number;
  color: number[];
  stripeX: number;
  stripeY: number;
}

function classPatterns(options: SyntheticDatasetOptions, random: SeededRandom): ClassPattern[] {
  const { height, width, channels, numClasses } = options;
  const side = Math.min(height, width);
  return Array.from({ length: numClasses }, () => {
    const angle = random.next() * Math.PI;
    const cycles = (1 + random.nextInt(4)) * 2 * Math.PI / side;
    return {
      centerX: (0.25 + 0.5 * random.next()) * width,
      centerY: (0.25 + 0.5 * random.next()) * height,
      radius: (0.15 + 0.2 * random.next()) * side,
      color: Array.from({ length: channels }, () => 0.35 + 0.65 * random.next()),
      stripeX: Math.cos(angle) * cycles,
      stripeY: Math.sin(angle) * cycles,
    };
  });
}

function makeSplit(
  count: number,
  patterns: readonly ClassPattern[],
  options: SyntheticDatasetOptions,
  random: SeededRandom,
): LabeledImages {
  const { height, width, channels, numClasses } = options;
  const noise = options.noise ?? 0.15;
  const labels = numClasses > 256 ? new Uint16Array(count) : new Uint8Array(count);
  // Balanced classes in a shuffled order.
  const order = random.shuffle(Int32Array.from({ length: count }, (_, i) => i % numClasses));
  labels.set(order);
  const images = new Uint8Array(count * height * width * channels);
  const jitter = Math.max(1, Math.round(Math.min(height, width) / 10));
  for (let n = 0; n < count; n++) {
    const p = patterns[labels[n]];
    const dx = random.nextInt(2 * jitter + 1) - jitter, dy = random.nextInt(2 * jitter + 1) - jitter;
    const brightness = 0.8 + 0.4 * random.next();
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const rx = x - p.centerX - dx, ry = y - p.centerY - dy;
        const blob = Math.exp(-(rx * rx + ry * ry) / (2 * p.radius * p.radius));
        const stripes = 0.6 + 0.4 * Math.cos(p.stripeX * rx + p.stripeY * ry);
        const base = ((n * height + y) * width + x) * channels;
        for (let c = 0; c < channels; c++) {
          const value = 0.1 + brightness * blob * stripes * p.color[c] + noise * random.nextNormal();
          images[base + c] = Math.max(0, Math.min(255, Math.round(value * 255)));
        }
      }
    }
  }
  return { images, labels, count, height, width, channels, numClasses };
}

/**
 * Generates a labelled dataset of the given shape: each class is a striped, colored blob at a place, size,
 * color and stripe direction of its own; each image shifts it a little, scales its brightness and adds noise.
 * Classes are balanced. Use it where a real dataset cannot be loaded, and say so wherever results are shown.
 *
 * @param options Shape (height, width, channels, classes), split sizes, seed and noise.
 * @returns Train and test splits (NHWC bytes), their normalisation and class names.
 * @example A CIFAR-10-shaped stand-in
 * ```ts
 * import assert from "node:assert/strict";
 * import { syntheticDataset } from "./synthetic.ts";
 * const data = syntheticDataset({ height: 32, width: 32, channels: 3, numClasses: 10, trainCount: 100, testCount: 20 });
 * assert.equal(data.train.images.length, 100 * 32 * 32 * 3);
 * assert.equal(data.test.labels.length, 20);
 * assert.ok(data.train.labels.every((label) => label < 10));
 * ```
 */
export function syntheticDataset(options: SyntheticDatasetOptions): DatasetSplits {
  const { height, width, channels, numClasses, trainCount, testCount } = options;
  const wholes = { height, width, channels, numClasses, trainCount, testCount };
  for (const [field, value] of Object.entries(wholes)) {
    const least = field.endsWith("Count") ? 0 : 1;
    if (!Number.isInteger(value) || value < least) {
      throw new RangeError(`syntheticDataset(): ${field} is ${value}; pass a whole number >= ${least}`);
    }
  }
  if (numClasses > 65536) {
    throw new RangeError(`syntheticDataset(): numClasses is ${numClasses}; pass at most 65536`);
  }
  if (options.classNames && options.classNames.length !== numClasses) {
    throw new RangeError(
      `syntheticDataset(): ${options.classNames.length} class names for ${numClasses} classes; ` +
        `pass one name per class or none`,
    );
  }
  const random = new SeededRandom(options.seed ?? 1);
  const patterns = classPatterns(options, random.fork());
  const train = makeSplit(trainCount, patterns, options, random.fork());
  const test = makeSplit(testCount, patterns, options, random.fork());
  return {
    name: options.name ?? "synthetic",
    train,
    test,
    normalization: computeNormalization(trainCount > 0 ? train : test),
    classNames: options.classNames ?? Array.from({ length: numClasses }, (_, c) => `class ${c}`),
  };
}
