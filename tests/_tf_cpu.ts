/**
 * Test helper: selects tfjs's reference `cpu` backend the way a user does, and makes small synthetic datasets.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { useBackend } from "../lib/backend/backends.ts";
import type { DatasetSplits, LabeledImages } from "../lib/config/labeled_images.ts";
import { SeededRandom } from "../lib/util/seeded_random.ts";

tf.env().set("IS_TEST", true);

/** Selects the cpu backend through {@linkcode useBackend}, as a user would (idempotent). */
export async function useCpu(): Promise<void> {
  if (tf.getBackend() !== "cpu") await useBackend("cpu");
}

/**
 * A separable problem: `classes` classes on `side x side` grey images; class k lights up one of k regions
 * (bands of rows), plus noise.
 */
export function quadrantImages(count: number, side: number, classes: number, seed: number): LabeledImages {
  const random = new SeededRandom(seed);
  const images = new Uint8Array(count * side * side);
  const labels = new Uint8Array(count);
  const band = side / classes;
  for (let i = 0; i < count; i++) {
    const label = i % classes;
    labels[i] = label;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const lit = y >= label * band && y < (label + 1) * band;
        images[i * side * side + y * side + x] = Math.floor(
          lit ? 150 + random.next() * 105 : random.next() * 90,
        );
      }
    }
  }
  return { images, labels, count, height: side, width: side, channels: 1, numClasses: classes };
}

/** Train and test splits of {@linkcode quadrantImages}. */
export function quadrantDataset(count: number, side = 8, classes = 4): DatasetSplits {
  return {
    name: "bands",
    train: quadrantImages(count, side, classes, 1),
    test: quadrantImages(Math.ceil(count / 4), side, classes, 2),
    normalization: { mean: [0.3], std: [0.3] },
    classNames: Array.from({ length: classes }, (_, k) => `band ${k}`),
  };
}
