import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { DEFAULT_ENCODING } from "../../lib/config/presets.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { patchGoodnessImages } from "../../lib/report/patch_goodness_images.ts";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";

Deno.test("patchGoodnessImages() gives each block's P x P grid, summed over channels, per image", async () => {
  await useCpu();
  const data = quadrantDataset(8);
  const plan = planNetwork(
    [{ channels: 2, kernelSize: 3, pool: 2 }, { channels: 4, kernelSize: 3, pool: 1 }],
    DEFAULT_ENCODING,
    [8, 8, 1],
    4,
  );
  const network = new AsgeNetwork(plan, DEFAULT_ENCODING, 1);
  try {
    const images = await patchGoodnessImages(network, data.test, data.normalization, [1, 0], {
      classNames: data.classNames,
      predictions: [1, 3],
    });
    assert.equal(images.length, 2);
    assert.deepEqual(images.map((i) => i.label), ["band 1", "band 0 (predicted: band 3)"]);
    assert.deepEqual(images[0].pixels, data.test.images.subarray(64, 128));
    assert.deepEqual(images[0].blocks.map((g) => [g.length, g[0].length]), [[2, 2], [1, 1]]);
    // The last block's single patch holds the whole goodness vector's sum.
    const batch = tf.tensor4d(
      Float32Array.from(data.test.images.subarray(0, 64), (v) => (v / 255 - 0.3) / 0.3),
      [1, 8, 8, 1],
    );
    const total = tf.tidy(() => tf.sum(network.predict(batch).goodness[1]).dataSync()[0]);
    batch.dispose();
    assert.ok(Math.abs(images[1].blocks[1][0][0] - total) <= 1e-3 * Math.abs(total), `${total}`);
  } finally {
    network.dispose();
  }
});

Deno.test("patchGoodnessImages() rejects images of another shape and bad indices", async () => {
  await useCpu();
  const data = quadrantDataset(4);
  const plan = planNetwork([{ channels: 2, kernelSize: 3, pool: 1 }], DEFAULT_ENCODING, [4, 4, 1], 4);
  const network = new AsgeNetwork(plan, DEFAULT_ENCODING, 1);
  try {
    await assert.rejects(
      () => patchGoodnessImages(network, data.test, data.normalization, [0]),
      /8x8x1 but the network/,
    );
  } finally {
    network.dispose();
  }
  const right = new AsgeNetwork(
    planNetwork(plan.blocks, DEFAULT_ENCODING, [8, 8, 1], 4),
    DEFAULT_ENCODING,
    1,
  );
  try {
    await assert.rejects(() => patchGoodnessImages(right, data.test, data.normalization, [99]), /index 99/);
  } finally {
    right.dispose();
  }
});
