/**
 * Computes what {@linkcode patchGoodnessChart} draws: for a few images, each block's patch goodness summed
 * over channels, as a P_l x P_l grid.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { LabeledImages, Normalization } from "../config/labeled_images.ts";
import { BatchBuilder } from "../data/batch_builder.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import type { PatchGoodnessImage } from "./patch_goodness_chart.ts";

/** Options of {@linkcode patchGoodnessImages}. */
export interface PatchGoodnessImagesOptions {
  /** Class names for the row labels (default: the class index). */
  readonly classNames?: readonly string[];
  /** Predicted class of each chosen image (same order as `indices`), added to its label when wrong. */
  readonly predictions?: ArrayLike<number>;
}

/**
 * Runs the network on the images at `indices` and returns, per image, its pixels and per block the goodness
 * g_l[c, i, j] summed over channels c, as rows i of columns j. The sum over channels is the energy the block
 * puts into each patch.
 *
 * @param network A trained (or fresh) network; its plan's input shape must match the images.
 * @param data The images (NHWC bytes), e.g. the test split.
 * @param normalization The dataset's normalisation (as used in training).
 * @param indices Which images (a few: each becomes a row of the chart).
 * @param options Class names and predictions for the labels.
 * @returns One `PatchGoodnessImage` per index, ready for `patchGoodnessChart({ images })`. The grids are read
 *   back asynchronously: a synchronous read needs a 2d canvas on the webgpu backend, which Deno does not have.
 * @example In a notebook, after training
 * ```ts ignore
 * const images = await patchGoodnessImages(result.network, data.test, data.normalization, [0, 1, 2],
 *   { classNames: data.classNames });
 * await Deno.jupyter.display(await plotlyMimeBundle(patchGoodnessChart({ images })), { raw: true });
 * ```
 */
export async function patchGoodnessImages(
  network: AsgeNetwork,
  data: LabeledImages,
  normalization: Normalization,
  indices: readonly number[],
  options: PatchGoodnessImagesOptions = {},
): Promise<PatchGoodnessImage[]> {
  const [h, w, c] = network.plan.inputShape;
  if (data.height !== h || data.width !== w || data.channels !== c) {
    throw new RangeError(
      `patchGoodnessImages(): images are ${data.height}x${data.width}x${data.channels} but the network takes ` +
        `${h}x${w}x${c}; pass images of the dataset the network was built for`,
    );
  }
  const bad = indices.find((i) => !Number.isInteger(i) || i < 0 || i >= data.count);
  if (bad !== undefined) {
    throw new RangeError(`patchGoodnessImages(): index ${bad} is outside the ${data.count} images`);
  }
  const builder = new BatchBuilder(data, normalization, { cropPadding: 0, horizontalFlip: false });
  const batch = builder.build(indices);
  const sums = tf.tidy(() => {
    const out = network.predict(tf.tensor4d(batch.images, [batch.size, h, w, c]));
    return out.goodness.map((g, l) => {
      const { partition: p, channels } = network.plan.blocks[l];
      return tf.sum(tf.reshape(g, [batch.size, p, p, channels]), 3);
    });
  });
  let grids: number[][][][];
  try {
    grids = await Promise.all(sums.map((t) => t.array() as Promise<number[][][]>));
  } finally {
    tf.dispose(sums);
  }
  const name = (k: number) => options.classNames?.[k] ?? String(k);
  const pixels = h * w * c;
  return indices.map((index, i) => {
    const label = data.labels[index];
    const predicted = options.predictions?.[i];
    return {
      pixels: data.images.subarray(index * pixels, (index + 1) * pixels),
      height: h,
      width: w,
      channels: c,
      label: predicted === undefined || predicted === label
        ? name(label)
        : `${name(label)} (predicted: ${name(predicted)})`,
      blocks: grids.map((grid) => grid[i]),
    };
  });
}
