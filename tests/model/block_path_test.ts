import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { DEFAULT_ENCODING } from "../../lib/config/presets.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { useCpu } from "../_tf_cpu.ts";

await useCpu();

const x = tf.tensor4d(Array.from({ length: 32 }, (_, i) => (i % 7) - 3), [1, 4, 4, 2]);

function firstBlockNext(encoding: typeof DEFAULT_ENCODING): number[] {
  const plan = planNetwork(
    [{ channels: 3, kernelSize: 3, pool: 2 }, { channels: 3, kernelSize: 3, pool: 1 }],
    encoding,
    [4, 4, 2],
    2,
  );
  const network = new AsgeNetwork(plan, encoding, 5);
  const block = network.blocks[0];
  const { features } = block.forward(x);
  const next = Array.from(block.next(features).dataSync());
  const expected = tf.tidy(() => {
    const pooled = encoding.pool === "max"
      ? tf.maxPool(features, 2, 2, "valid")
      : encoding.pool === "avg"
      ? tf.avgPool(features, 2, 2, "valid")
      : tf.sqrt(tf.add(tf.avgPool(tf.square(features), 2, 2, "valid"), 1e-6));
    if (encoding.pathNorm === "none") return Array.from(pooled.dataSync());
    const { mean, variance } = tf.moments(pooled, 3, true);
    return Array.from(tf.div(tf.sub(pooled, mean), tf.sqrt(tf.add(variance, 1e-5))).dataSync());
  });
  next.forEach((v, i) =>
    assert.ok(Math.abs(v - expected[i]) < 1e-5, `${encoding.pool} ${i}: ${v} vs ${expected[i]}`)
  );
  features.dispose();
  network.dispose();
  return next;
}

Deno.test("AsgeBlock.next() pools by encoding.pool and normalises by encoding.pathNorm", () => {
  const rms = firstBlockNext(DEFAULT_ENCODING);
  const max = firstBlockNext({ ...DEFAULT_ENCODING, pool: "max" });
  firstBlockNext({ ...DEFAULT_ENCODING, pool: "avg" });
  const raw = firstBlockNext({ ...DEFAULT_ENCODING, pathNorm: "none" });
  assert.notDeepEqual(rms, max);
  assert.notDeepEqual(rms, raw);
});

Deno.test("planNetwork() takes a block's partition over alpha's and fits it to the map like alpha's", () => {
  const blocks = [{ channels: 4, kernelSize: 3, pool: 2, partition: 7 }, {
    channels: 8,
    kernelSize: 3,
    pool: 1,
  }];
  const plan = planNetwork(blocks, DEFAULT_ENCODING, [28, 28, 1], 10);
  assert.equal(plan.blocks[0].partition, 7);
  assert.equal(plan.blocks[0].goodnessLength, 4 * 49);
  assert.equal(plan.blocks[1].partition, 1);
  // 5 does not divide 28: the nearest divisor, 4, is used; read after pooling (14x14), 7 stays 7
  const five = planNetwork([{ ...blocks[0], partition: 5 }, blocks[1]], DEFAULT_ENCODING, [28, 28, 1], 10);
  assert.equal(five.blocks[0].partition, 4);
  const post = planNetwork(blocks, { ...DEFAULT_ENCODING, goodnessSite: "post" }, [28, 28, 1], 10);
  assert.equal(post.blocks[0].partition, 7);
});
