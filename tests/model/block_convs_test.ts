import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { useCpu } from "../_tf_cpu.ts";
import { DEFAULT_ENCODING } from "../../lib/config/presets.ts";
import type { BlockPlan } from "../../lib/config/run_config.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { drawProjection } from "../../lib/model/frozen_projection.ts";
import { loadNetwork, saveNetwork, weightArrays } from "../../lib/model/model_file.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { strategyCost } from "../../lib/prediction/strategy_costs.ts";
import { planTable } from "../../lib/report/plan_table.ts";
import { describeOverrides } from "../../lib/study/study_report.ts";
import { writeTensorFile } from "../../lib/util/tensor_file.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

await useCpu();

const blocks = (convs?: number): BlockPlan[] => [
  { channels: 4, kernelSize: 3, pool: 2, ...(convs === undefined ? {} : { convs }) },
  { channels: 6, kernelSize: 3, pool: 1, ...(convs === undefined ? {} : { convs }) },
];
const build = (convs?: number, encoding = DEFAULT_ENCODING, seed = 5) =>
  new AsgeNetwork(planNetwork(blocks(convs), encoding, [8, 8, 1], 3), encoding, seed);

Deno.test("AsgeBlock draws a one-conv block's weights as it always did: He-normal kernel, then the projection", async () => {
  // Today's sequence, rebuilt from the primitives: each block forks the network's generator, draws its kernel,
  // then its projection.
  const seed = 5;
  const network = build();
  const root = new SeededRandom(seed);
  for (const block of network.blocks) {
    const random = root.fork();
    const [k, , cin, c] = block.kernel.shape;
    const std = Math.sqrt(2 / (k * k * cin));
    const kernel = Float32Array.from({ length: k * k * cin * c }, () => random.nextNormal() * std);
    const projection = drawProjection(block.shape.goodnessLength, 3, 1, random, false);
    assert.deepEqual(block.kernel.dataSync(), kernel);
    assert.deepEqual(block.projection.dataSync(), Float32Array.from(projection.weights));
    assert.deepEqual(block.projectionBias.dataSync(), Float32Array.from(projection.bias));
    assert.deepEqual(Array.from(block.bias.dataSync()), new Array(c).fill(0));
    assert.equal(block.innerKernels.length, 0);
    assert.equal(block.variables.length, 2);
  }
  // convs: 1 written out is the same network, and so is the plan
  const explicit = build(1);
  assert.deepEqual(await explicit.readWeights(), await network.readWeights());
  assert.equal(network.plan.blocks[0].convs, undefined, "a plan without convs stays without it");
  network.dispose();
  explicit.dispose();
});

Deno.test("AsgeBlock with convs 2 keeps the one-conv block's draws; the extra conv comes after them, before dropout", async () => {
  const encoding = { ...DEFAULT_ENCODING, dropout: 0.3 };
  const one = build(undefined, encoding);
  const two = build(2, encoding);
  const [a, b] = [await one.readWeights(), await two.readWeights()];
  a.blocks.forEach((block, l) => {
    const { innerKernels, innerBiases, ...first } = b.blocks[l];
    assert.deepEqual(first, block, `block ${l}: first conv or projection moved`);
    assert.equal(innerKernels!.length, 1);
    assert.equal(innerBiases![0].every((v) => v === 0), true);
    // He-normal over fan-in k*k*C_l: its spread is near sqrt(2 / fanIn)
    const c = two.blocks[l].shape.channels;
    const sd = Math.sqrt(innerKernels![0].reduce((s, v) => s + v * v, 0) / innerKernels![0].length);
    assert.ok(Math.abs(sd / Math.sqrt(2 / (9 * c)) - 1) < 0.35, `block ${l}: inner sd ${sd}`);
  });
  assert.deepEqual(two.blocks[1].innerKernels[0].shape, [3, 3, 6, 6]);
  assert.equal(two.blocks[0].variables.length, 4);
  // the dropout stream is drawn after the inner convs: without dropout, the same weights
  const plain = build(2);
  assert.deepEqual(await plain.readWeights(), b);
  plain.dispose();
  one.dispose();
  two.dispose();
});

Deno.test("AsgeBlock.forward() chains the convs: Y_l is ReLU(conv2(ReLU(conv1(x))))", () => {
  const network = build(2);
  const block = network.blocks[0];
  const x = tf.randomNormal([2, 8, 8, 1], 0, 1, "float32", 3) as tf.Tensor4D;
  const [got, want] = tf.tidy(() => {
    const first = tf.relu(tf.add(tf.conv2d(x, block.kernel, 1, "same"), block.bias)) as tf.Tensor4D;
    const second = tf.relu(tf.add(tf.conv2d(first, block.innerKernels[0], 1, "same"), block.innerBiases[0]));
    return [block.forward(x).features, second].map((t) => tf.keep(t));
  });
  assert.ok(tf.max(tf.abs(tf.sub(got, want))).dataSync()[0] < 1e-5);
  const before = tf.memory().numTensors;
  tf.dispose([got, want, x]);
  network.dispose();
  assert.equal(tf.memory().numTensors, before - 3 - 12, "dispose frees the inner convs too");
});

Deno.test("saveNetwork() and loadNetwork() round-trip a convs 2 network; a one-conv file refuses a convs 2 plan", async () => {
  const dir = await Deno.makeTempDir();
  const network = build(2);
  try {
    const weights = await network.readWeights();
    network.writeWeights({
      blocks: weights.blocks.map((b) => ({
        ...b,
        innerKernels: b.innerKernels!.map((k) => k.map((v) => v + 1)),
      })),
    });
    const arrays = weightArrays(await network.readWeights());
    assert.ok(arrays.has("block1.conv1.kernel") && arrays.has("block1.conv1.bias"));
    assert.equal(arrays.has("block1.conv2.kernel"), false);
    await saveNetwork(`${dir}/two.asge`, network, 5);
    const { network: loaded, header } = await loadNetwork(`${dir}/two.asge`);
    assert.equal(header.plan.blocks[1].convs, 2);
    assert.deepEqual(await loaded.readWeights(), await network.readWeights());
    loaded.dispose();
    // a one-conv network's arrays under a convs 2 header: a clear refusal
    const one = build();
    const oneArrays = weightArrays(await one.readWeights());
    one.dispose();
    await writeTensorFile(
      `${dir}/mixed.asge`,
      { kind: "asge-model", plan: network.plan, encoding: DEFAULT_ENCODING, seed: 5, meta: {} },
      oneArrays,
    );
    await assert.rejects(
      loadNetwork(`${dir}/mixed.asge`),
      /holds? 1 conv\(s\), the plan has 2 \(blocks\[0\]\.convs\)/,
    );
    // and the other way round
    const twoArrays = weightArrays(await network.readWeights());
    await writeTensorFile(
      `${dir}/other.asge`,
      {
        kind: "asge-model",
        plan: planNetwork(blocks(), DEFAULT_ENCODING, [8, 8, 1], 3),
        encoding: DEFAULT_ENCODING,
        seed: 5,
        meta: {},
      },
      twoArrays,
    );
    await assert.rejects(loadNetwork(`${dir}/other.asge`), /hold 2 conv\(s\), the plan has 1/);
  } finally {
    network.dispose();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("strategyCost() and planTable() count the inner convs' parameters and FLOPs", () => {
  const [one, two] = [undefined, 2].map((c) => planNetwork(blocks(c), DEFAULT_ENCODING, [8, 8, 1], 3));
  const [a, b] = [one, two].map((p) => strategyCost(p, "last", 0));
  // inner convs: 3x3x4x4 + 4 on an 8x8 map, 3x3x6x6 + 6 on 4x4
  assert.equal(b.trainableParameters - a.trainableParameters, 9 * 16 + 4 + 9 * 36 + 6);
  assert.equal(
    b.flopsPerImage - a.flopsPerImage,
    2 * 9 * 16 * 64 + 2 * 64 * 4 + 2 * 9 * 36 * 16 + 2 * 16 * 6,
  );
  const network = new AsgeNetwork(two, DEFAULT_ENCODING, 1);
  assert.equal(network.trainableParameters, b.trainableParameters);
  network.dispose();
  const rows = planTable(two);
  assert.deepEqual(rows.map((r) => r.convs), [2, 2]);
  assert.equal(rows[0].trainableParameters, 9 * 4 + 4 + 9 * 16 + 4);
  assert.equal(
    describeOverrides({ blocks: [{ channels: 64, kernelSize: 3, pool: 2, convs: 2 }] }),
    "blocks 64c3kx2/2",
  );
  assert.equal(
    describeOverrides({ blocks: [{ channels: 64, kernelSize: 5, pool: 2, partition: 4 }] }),
    "blocks 64c5k/2P4",
  );
  assert.throws(
    () => planNetwork([{ channels: 4, kernelSize: 3, pool: 1, convs: 0 }], DEFAULT_ENCODING, [8, 8, 1], 3),
    /convs must be a whole number >= 1, got 0/,
  );
});
