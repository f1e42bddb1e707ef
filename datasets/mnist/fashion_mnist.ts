/**
 * Fashion-MNIST: 28x28 grey images of clothing (Zalando), 60000 training and 10000 test images, 10 classes.
 * @module
 */

import type { DatasetSplits } from "../../lib/config/labeled_images.ts";
import { type IdxDatasetSpec, type IdxLocalSource, loadIdxDataset } from "./idx_dataset.ts";
import type { LoadDatasetOptions } from "../load_dataset_options.ts";

/** Where Debian's `dataset-fashion-mnist` package installs the four `.gz` files. */
export const DEBIAN_FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

/**
 * Debian's package as a local source. Its gzip headers differ from upstream's (so the `.gz` md5s differ), but
 * the decompressed bytes are the canonical ones, which is what the loader checks.
 */
export const debianFashionMnistSource: IdxLocalSource = {
  source: "Debian package dataset-fashion-mnist",
  async locate() {
    try {
      if ((await Deno.stat(DEBIAN_FASHION_MNIST_DIR)).isDirectory) {
        return { folder: DEBIAN_FASHION_MNIST_DIR };
      }
    } catch {
      // Absent or unreadable: report below.
    }
    return { reason: `${DEBIAN_FASHION_MNIST_DIR} not found (apt-get install dataset-fashion-mnist)` };
  },
};

/**
 * Fashion-MNIST's files and sources. `raw` holds the size and md5 of the uncompressed IDX files (computed from
 * the Debian package and matching published lists); `gz` those of the upstream `.gz` downloads.
 */
export const FASHION_MNIST_SPEC: IdxDatasetSpec = {
  name: "fashion-mnist",
  files: {
    trainImages: {
      name: "train-images-idx3-ubyte",
      raw: { size: 47040016, md5: "f4a8712d7a061bf5bd6d2ca38dc4d50a" },
      gz: { size: 26421880, md5: "8d4fb7e6c68d591d4c3dfef9ec88bf0d" },
    },
    trainLabels: {
      name: "train-labels-idx1-ubyte",
      raw: { size: 60008, md5: "9018921c3c673c538a1fc5bad174d6f9" },
      gz: { size: 29515, md5: "25c81989df183df01b3e8a0aad5dffbe" },
    },
    testImages: {
      name: "t10k-images-idx3-ubyte",
      raw: { size: 7840016, md5: "8181f5470baa50b63fa0f6fddb340f0a" },
      gz: { size: 4422102, md5: "bef4ecab320f06d8554ea6380940ec79" },
    },
    testLabels: {
      name: "t10k-labels-idx1-ubyte",
      raw: { size: 10008, md5: "15d484375f8d13e6eb1aabb0c3f46965" },
      gz: { size: 5148, md5: "bb300cfdad3c16e7a12a480ee83cd310" },
    },
  },
  mirrors: ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"],
  localSources: [debianFashionMnistSource],
  classNames: [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
  ],
  // Computed once with computeNormalization() over the 60000 training images: mean 0.28604, std 0.35302.
  normalization: { mean: [0.2860], std: [0.3530] },
};

/**
 * Loads Fashion-MNIST. Sources in order: `options.dataDir` (the four IDX files, `.gz` or not), Debian's
 * `/usr/share/datasets/fashion-mnist`, then the download cache.
 *
 * @param options Data folder, cache folder, offline/redownload switches, signal and event handler.
 * @returns The official 60000/10000 split, 28x28x1.
 * @example Load Fashion-MNIST
 * ```ts ignore
 * import assert from "node:assert/strict";
 * import { loadFashionMnist } from "./fashion_mnist.ts";
 * const data = await loadFashionMnist({ offline: true });
 * assert.equal(data.classNames[data.train.labels[0]], "Ankle boot");
 * ```
 */
export function loadFashionMnist(options: LoadDatasetOptions = {}): Promise<DatasetSplits> {
  return loadIdxDataset(FASHION_MNIST_SPEC, options);
}
