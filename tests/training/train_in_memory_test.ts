import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { bandsConfig, withoutTimings } from "../_bands_run.ts";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";
import { trainInMemory } from "../../lib/training/train_in_memory.ts";

await useCpu();

const data = quadrantDataset(384);

Deno.test("trainInMemory() learns a separable synthetic problem", async () => {
  const result = await trainInMemory({ config: bandsConfig(5), data });
  const final = result.metrics.at(-1)!;
  assert.ok(final.testAccuracy.fusion >= 0.95, `fusion reached only ${final.testAccuracy.fusion}`);
  assert.ok(final.testAccuracy.best >= 0.9, `best strategy reached only ${final.testAccuracy.best}`);
  assert.ok(final.blocks[0].trainLoss < result.metrics[0].blocks[0].trainLoss, "block 1's loss did not fall");
  result.network.dispose();
});

Deno.test("trainInMemory() leaves no tensors behind and the count does not grow with steps", async () => {
  const start = tf.memory().numTensors;
  const short = await trainInMemory({ config: bandsConfig(1), data });
  short.network.dispose();
  const afterOne = tf.memory().numTensors;
  const long = await trainInMemory({ config: bandsConfig(3), data });
  long.network.dispose();
  assert.equal(afterOne, start);
  assert.equal(tf.memory().numTensors, start);
});

Deno.test("trainInMemory() with the same seed gives the same result", async () => {
  const a = await trainInMemory({ config: bandsConfig(2), data });
  const b = await trainInMemory({ config: bandsConfig(2), data });
  assert.deepEqual(withoutTimings(a.metrics), withoutTimings(b.metrics));
  assert.deepEqual(await a.network.readWeights(), await b.network.readWeights());
  a.network.dispose();
  b.network.dispose();
});
