import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { bandsConfig } from "../_bands_run.ts";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";
import { DEFAULT_ENCODING, PRESETS } from "../../lib/config/presets.ts";
import type { RunConfig } from "../../lib/config/run_config.ts";
import { BatchBuilder } from "../../lib/data/batch_builder.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { BackpropStepEngine } from "../../lib/training/backprop_step_engine.ts";
import { BlockOptimizer } from "../../lib/training/block_optimizer.ts";
import { trainBlockStep } from "../../lib/training/block_step.ts";
import { encodeCheckpoint, restoreCheckpoint } from "../../lib/training/checkpoint.ts";
import { localGradients } from "../../lib/training/local_gradients.ts";
import { localLoss } from "../../lib/training/local_loss.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

await useCpu();

const plan = planNetwork(
  [
    { channels: 4, kernelSize: 3, pool: 2 },
    { channels: 6, kernelSize: 3, pool: 2, convs: 2 },
    { channels: 6, kernelSize: 3, pool: 1, convs: 3 },
  ],
  DEFAULT_ENCODING,
  [8, 8, 1],
  3,
);
const snapshot = (network: AsgeNetwork) =>
  network.blocks.map((b) =>
    [...b.variables, b.projection, b.projectionBias].map((t) => t.dataSync().slice())
  );

Deno.test("localGradients() of a convs 2 block matches central finite differences, on both convs", () => {
  const encoding = { ...DEFAULT_ENCODING, goodnessReduction: "mean" as const };
  const tiny = planNetwork([{ channels: 3, kernelSize: 3, pool: 1, convs: 2 }], encoding, [4, 4, 2], 3);
  const network = new AsgeNetwork(tiny, encoding, 9);
  const block = network.blocks[0];
  const x = tf.randomNormal([3, 4, 4, 2], 0, 1, "float32", 7) as tf.Tensor4D;
  const labels = tf.tensor1d([0, 2, 1], "int32");
  const oneHot = tf.oneHot(labels, 3).toFloat() as tf.Tensor2D;
  const lossValue = () => tf.tidy(() => localLoss(block.forward(x).logits, oneHot).dataSync()[0]);
  const local = localGradients(block, x, labels);
  assert.deepEqual(Object.keys(local.gradients).sort(), block.variables.map((v) => v.name).sort());
  let checked = 0;
  for (const variable of [block.kernel, block.innerKernels[0], block.innerBiases[0]] as tf.Variable[]) {
    const analytic = local.gradients[variable.name].dataSync();
    const values = variable.dataSync().slice();
    const h = 1e-2;
    for (let i = 0; i < values.length; i += 7) {
      const probe = (delta: number) => {
        const v = values.slice();
        v[i] += delta;
        variable.assign(tf.tensor(v, variable.shape));
        return lossValue();
      };
      const numeric = (probe(h) - probe(-h)) / (2 * h);
      variable.assign(tf.tensor(values, variable.shape));
      const scale = Math.max(1e-3, Math.abs(numeric), Math.abs(analytic[i]));
      assert.ok(
        Math.abs(numeric - analytic[i]) / scale < 0.05,
        `${variable.name}[${i}]: analytic ${analytic[i]} vs numeric ${numeric}`,
      );
      checked++;
    }
  }
  assert.ok(checked >= 10);
  tf.dispose([x, labels, oneHot, local.loss, local.correct, local.features, local.gradients]);
  network.dispose();
});

Deno.test("trainBlockStep() on block l of convs 2 and 3 changes only block l's convs, inner ones included", () => {
  const network = new AsgeNetwork(plan, DEFAULT_ENCODING, 3);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(PRESETS.quick.optimizer, b.variables));
  const images = tf.randomNormal([6, 8, 8, 1], 0, 1, "float32", 5) as tf.Tensor4D;
  const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], "int32");
  let input = images;
  for (let l = 0; l < network.blocks.length; l++) {
    const before = snapshot(network);
    const result = trainBlockStep(network.blocks[l], input, labels, optimizers[l], 0.01, true);
    tf.dispose([result.loss, result.correct]);
    if (input !== images) input.dispose();
    input = result.next!;
    snapshot(network).forEach((arrays, k) =>
      arrays.forEach((values, i) => {
        const changed = values.some((v, j) => v !== before[k][i][j]);
        const trained = i < network.blocks[k].variables.length;
        assert.equal(
          changed,
          k === l && trained,
          `block ${k} tensor ${i} changed=${changed} (trained block ${l})`,
        );
      })
    );
  }
  tf.dispose([images, labels, input]);
  optimizers.forEach((o) => o.dispose());
  network.dispose();
});

Deno.test("localGradients() of a convs 2 block trains on the dropped-out input (encoding.dropout)", () => {
  const encoding = { ...DEFAULT_ENCODING, dropout: 0.5 };
  const two = planNetwork([{ channels: 4, kernelSize: 3, pool: 1, convs: 2 }], encoding, [8, 8, 1], 3);
  const [plain, dropped] = [DEFAULT_ENCODING, encoding].map((e) => new AsgeNetwork(two, e, 2));
  const x = tf.randomNormal([4, 8, 8, 1], 0, 1, "float32", 1) as tf.Tensor4D;
  const labels = tf.tensor1d([0, 1, 2, 0], "int32");
  const [a, b] = [plain, dropped].map((n) => localGradients(n.blocks[0], x, labels));
  // same weights (dropout is drawn after them), different input
  assert.deepEqual(plain.blocks[0].innerKernels[0].dataSync(), dropped.blocks[0].innerKernels[0].dataSync());
  assert.notEqual(a.loss.dataSync()[0], b.loss.dataSync()[0]);
  for (const g of [a, b]) tf.dispose([g.loss, g.correct, g.features, g.gradients]);
  tf.dispose([x, labels]);
  plain.dispose();
  dropped.dispose();
});

Deno.test("BackpropStepEngine trains every conv of convs 2 blocks end to end", async () => {
  const network = new AsgeNetwork(plan, DEFAULT_ENCODING, 3, true);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(PRESETS.quick.optimizer, b.variables));
  const engine = new BackpropStepEngine(network, optimizers);
  const data = quadrantDataset(8).train;
  const builder = new BatchBuilder(
    { ...data, images: data.images.slice(0, 4 * 64), labels: data.labels.slice(0, 4), count: 4 },
    { mean: [0.3], std: [0.3] },
    PRESETS.quick.augment,
  );
  const before = snapshot(network);
  await engine.step(builder.build([0, 1, 2, 3], new SeededRandom(1)), 1e-2);
  const after = snapshot(network);
  network.blocks.forEach((block, l) =>
    block.innerKernels.forEach((_, i) => {
      const v = 2 + 2 * i; // kernel, bias, then the inner convs' pairs
      assert.ok(
        after[l][v].some((x, j) => x !== before[l][v][j]),
        `block ${l} inner conv ${i + 1} did not move`,
      );
    })
  );
  engine.dispose();
  optimizers.forEach((o) => o.dispose());
  network.dispose();
});

Deno.test("encodeCheckpoint() and restoreCheckpoint() round-trip convs 2 weights and their optimizer state", async () => {
  const config: RunConfig = {
    ...bandsConfig(1),
    blocks: [{ channels: 4, kernelSize: 3, pool: 2, convs: 2 }],
  };
  const build = () => {
    const network = new AsgeNetwork(plan, DEFAULT_ENCODING, 3);
    return {
      network,
      optimizers: network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables)),
    };
  };
  const a = build();
  const images = tf.randomNormal([4, 8, 8, 1], 0, 1, "float32", 5) as tf.Tensor4D;
  const labels = tf.tensor1d([0, 1, 2, 0], "int32");
  let input = images;
  a.network.blocks.forEach((block, l) => {
    const r = trainBlockStep(block, input, labels, a.optimizers[l], 0.01, true);
    tf.dispose([r.loss, r.correct]);
    if (input !== images) input.dispose();
    input = r.next!;
  });
  tf.dispose([images, labels, input]);
  const bytes = await encodeCheckpoint(a.network, a.optimizers, { epoch: 1, config, metrics: [] });
  const b = build();
  restoreCheckpoint(bytes, "memory", b.network, b.optimizers);
  assert.deepEqual(await b.network.readWeights(), await a.network.readWeights());
  for (let l = 0; l < a.optimizers.length; l++) {
    const [sa, sb] = [await a.optimizers[l].readState(), await b.optimizers[l].readState()];
    assert.equal(sa.slots.length, a.network.blocks[l].variables.length);
    assert.deepEqual(sb, sa);
  }
  for (const n of [a, b]) {
    n.optimizers.forEach((o) => o.dispose());
    n.network.dispose();
  }
});
