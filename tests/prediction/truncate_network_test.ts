import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { useCpu } from "../_tf_cpu.ts";
import { DEFAULT_ENCODING } from "../../lib/config/presets.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { truncateNetwork } from "../../lib/prediction/truncate_network.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

await useCpu();

const plan = planNetwork(
  [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 2 }, {
    channels: 16,
    kernelSize: 3,
    pool: 1,
  }],
  DEFAULT_ENCODING,
  [8, 8, 1],
  3,
);
const random = new SeededRandom(2);
const images = tf.tensor4d(Float32Array.from({ length: 3 * 64 }, () => random.next()), [3, 8, 8, 1]);

Deno.test("truncateNetwork() keeps blocks 0..k with the full network's plan, and gives its logits bit for bit", async () => {
  const full = new AsgeNetwork(plan, DEFAULT_ENCODING, 4);
  // The plan keeps P = 4, 2, 1 of the full network; planning two blocks alone would give other partitions.
  assert.deepEqual(plan.blocks.map((b) => b.partition), [4, 2, 1]);
  for (const lastBlock of [0, 1, 2]) {
    const cut = await truncateNetwork(full, lastBlock, 4);
    try {
      assert.equal(cut.blocks.length, lastBlock + 1);
      assert.deepEqual(cut.plan.blocks, plan.blocks.slice(0, lastBlock + 1));
      assert.deepEqual(cut.plan.inputShape, plan.inputShape);
      const want = full.predict(images, lastBlock);
      const got = cut.predict(images);
      for (let l = 0; l <= lastBlock; l++) {
        assert.deepEqual(
          got.logits[l].dataSync(),
          want.logits[l].dataSync(),
          `cut after ${lastBlock}: block ${l}`,
        );
      }
      tf.dispose([want.logits, want.goodness, got.logits, got.goodness]);
      if (lastBlock < 2) assert.ok(cut.trainableParameters < full.trainableParameters);
    } finally {
      cut.dispose();
    }
  }
  full.dispose();
});

Deno.test("truncateNetwork() copies the weights: the cut network and the full one change independently", async () => {
  const full = new AsgeNetwork(plan, DEFAULT_ENCODING, 4);
  const cut = await truncateNetwork(full, 1, 4);
  const before = (await full.readWeights()).blocks[0].kernel;
  cut.blocks[0].kernel.assign(tf.zerosLike(cut.blocks[0].kernel));
  assert.deepEqual((await full.readWeights()).blocks[0].kernel, before);
  full.dispose();
  // The full network's tensors are gone; the cut one still runs.
  const out = cut.predict(images);
  assert.deepEqual(out.logits[1].shape, [3, 3]);
  tf.dispose([out.logits, out.goodness]);
  cut.dispose();
});

Deno.test("truncateNetwork() refuses a block that does not exist", async () => {
  const full = new AsgeNetwork(plan, DEFAULT_ENCODING, 4);
  await assert.rejects(truncateNetwork(full, 3, 4), /block 3 does not exist \(0\.\.2\)/);
  await assert.rejects(truncateNetwork(full, -1, 4), /block -1 does not exist/);
  full.dispose();
});
