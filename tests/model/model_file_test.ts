import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { useCpu } from "../_tf_cpu.ts";
import { DEFAULT_ENCODING } from "../../lib/config/presets.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { loadNetwork, saveNetwork, weightArrays } from "../../lib/model/model_file.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { writeTensorFile } from "../../lib/util/tensor_file.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

await useCpu();

const encoding = { ...DEFAULT_ENCODING, goodnessReduction: "mean" as const, projectionCentering: true };
const plan = planNetwork(
  [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
  encoding,
  [8, 8, 1],
  3,
);
const images = () => {
  const random = new SeededRandom(5);
  return tf.tensor4d(Float32Array.from({ length: 4 * 64 }, () => random.next() * 2 - 1), [4, 8, 8, 1]);
};

/** A network whose weights differ from what its seed draws, so a loader that rebuilt from the seed would fail. */
async function movedNetwork(): Promise<AsgeNetwork> {
  const network = new AsgeNetwork(plan, encoding, 11);
  const weights = await network.readWeights();
  network.writeWeights({
    blocks: weights.blocks.map((b) => ({ ...b, kernel: b.kernel.map((v, i) => v + 0.01 * (i % 5)) })),
  });
  return network;
}

async function withSavedModel(run: (path: string, bytes: Uint8Array) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  const network = await movedNetwork();
  try {
    const path = `${dir}/model.asge`;
    await saveNetwork(path, network, 11, { dataset: "bands", accuracy: 0.5 });
    await run(path, await Deno.readFile(path));
  } finally {
    network.dispose();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("loadNetwork() gives back what saveNetwork() saved: plan, switches, meta and the same logits bit for bit", async () => {
  await withSavedModel(async (path) => {
    const original = await movedNetwork();
    const { network, header } = await loadNetwork(path);
    const x = images();
    try {
      assert.equal(header.kind, "asge-model");
      assert.deepEqual(header.plan, plan);
      assert.deepEqual(header.encoding, encoding);
      assert.equal(header.seed, 11);
      assert.deepEqual(header.meta, { dataset: "bands", accuracy: 0.5 });
      assert.deepEqual(await network.readWeights(), await original.readWeights());
      const want = original.predict(x);
      const got = network.predict(x);
      assert.equal(got.logits.length, 2);
      for (let l = 0; l < 2; l++) {
        assert.deepEqual(got.logits[l].dataSync(), want.logits[l].dataSync(), `block ${l + 1}'s logits`);
        assert.deepEqual(
          got.goodness[l].dataSync(),
          want.goodness[l].dataSync(),
          `block ${l + 1}'s goodness`,
        );
      }
      tf.dispose([want.logits, want.goodness, got.logits, got.goodness]);
    } finally {
      x.dispose();
      network.dispose();
      original.dispose();
    }
  });
});

Deno.test("loadNetwork() names the file and says it is truncated, wherever the cut falls", async () => {
  await withSavedModel(async (path, bytes) => {
    for (const keep of [bytes.length - 4, Math.floor(bytes.length / 2), 40, 13]) {
      await Deno.writeFile(path, bytes.subarray(0, keep));
      await assert.rejects(
        loadNetwork(path),
        (error: Error) => error.message.includes(path) && /truncated/.test(error.message),
        `cut at ${keep} of ${bytes.length} bytes`,
      );
    }
  });
});

Deno.test("loadNetwork() refuses a file that is not a tensor file, or whose header is damaged", async () => {
  await withSavedModel(async (path, bytes) => {
    await Deno.writeTextFile(path, "not a model at all");
    await assert.rejects(loadNetwork(path), /is not an asge tensor file \(bad magic\)/);
    await Deno.writeFile(path, new Uint8Array(0));
    await assert.rejects(loadNetwork(path), /is not an asge tensor file/);
    const damaged = bytes.slice();
    damaged[12] = "}".charCodeAt(0); // the header's opening brace
    await Deno.writeFile(path, damaged);
    await assert.rejects(
      loadNetwork(path),
      (error: Error) => error.message.includes(path) && /damaged header/.test(error.message),
    );
  });
});

Deno.test("loadNetwork() refuses a checkpoint, and weights that do not fit the plan in the header", async () => {
  await withSavedModel(async (path) => {
    await writeTensorFile(path, { kind: "asge-checkpoint" }, new Map());
    await assert.rejects(loadNetwork(path), /is not an asge model file \(kind "asge-checkpoint"\)/);

    const wider = { ...plan, blocks: plan.blocks.map((b) => ({ ...b, channels: b.channels * 2 })) };
    const network = await movedNetwork();
    const weights = await network.readWeights();
    network.dispose();
    const arrays = weightArrays(weights);
    const before = tf.memory().numTensors;
    await writeTensorFile(path, { kind: "asge-model", plan: wider, encoding, seed: 11, meta: {} }, arrays);
    await assert.rejects(
      loadNetwork(path),
      (error: Error) => error.message.includes(path) && /do not match the plan/.test(error.message),
    );
    arrays.delete("block1.projection");
    await writeTensorFile(path, { kind: "asge-model", plan, encoding, seed: 11, meta: {} }, arrays);
    await assert.rejects(loadNetwork(path), /lack "block1\.projection"/);
    assert.equal(tf.memory().numTensors, before, "a failed load left tensors behind");
  });
});
