/**
 * CIFAR-10: 32x32 colour images in 10 classes, 50000 training and 10000 test images (Krizhevsky 2009).
 * @module
 */

import type { DatasetSplits } from "../../lib/config/labeled_images.ts";
import { type CifarSpec, loadCifarDataset } from "./cifar_dataset.ts";
import type { LoadDatasetOptions } from "../load_dataset_options.ts";

/** CIFAR-10's binary archive (published size and md5), its members and record layout. */
export const CIFAR10_SPEC: CifarSpec = {
  name: "cifar10",
  archive: {
    fileName: "cifar-10-binary.tar.gz",
    urls: ["https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"],
    size: 170052171,
    md5: "c32a1d4ab5d03f1284b67883e8d87530",
  },
  trainMembers: [1, 2, 3, 4, 5].map((i) => `cifar-10-batches-bin/data_batch_${i}.bin`),
  testMembers: ["cifar-10-batches-bin/test_batch.bin"],
  classNamesMember: "cifar-10-batches-bin/batches.meta.txt",
  classNames: ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"],
  labelBytes: 1,
  labelIndex: 0,
  numClasses: 10,
  // Mean and population std of each channel over the 50000 training images, the widely published values; the
  // archive cannot be fetched on the machine this was written on, so computeNormalization() could not re-derive
  // them here (it would give these to 4 decimals).
  normalization: { mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616] },
};

/**
 * Loads CIFAR-10 from `options.dataDir` (the archive or its extracted `.bin` files) or the download cache.
 *
 * @param options Data folder, cache folder, offline/redownload switches, signal and event handler.
 * @returns The official 50000/10000 split, 32x32x3 RGB interleaved.
 * @example Load CIFAR-10 (downloads 170 MB the first time)
 * ```ts ignore
 * import assert from "node:assert/strict";
 * import { loadCifar10 } from "./cifar10.ts";
 * const cifar = await loadCifar10({ onEvent: (e) => console.log(e.type) });
 * assert.equal(cifar.train.count, 50000);
 * assert.equal(cifar.classNames[cifar.train.labels[0]], "frog");
 * ```
 */
export function loadCifar10(options: LoadDatasetOptions = {}): Promise<DatasetSplits> {
  return loadCifarDataset(CIFAR10_SPEC, options);
}
