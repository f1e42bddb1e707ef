import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { useCpu } from "../_tf_cpu.ts";
import { DEFAULT_ENCODING, PRESETS } from "../../lib/config/presets.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { BlockOptimizer } from "../../lib/training/block_optimizer.ts";
import { trainBlockStep } from "../../lib/training/block_step.ts";
import { localLoss } from "../../lib/training/local_loss.ts";
import { autodiffGradients, localGradients } from "../../lib/training/local_gradients.ts";

await useCpu();

const plan = planNetwork(
  [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 2 }, {
    channels: 8,
    kernelSize: 3,
    pool: 1,
  }],
  DEFAULT_ENCODING,
  [8, 8, 1],
  3,
);

function snapshot(network: AsgeNetwork): Float32Array[][] {
  return network.blocks.map((b) =>
    [b.kernel, b.bias, b.projection, b.projectionBias].map((t) => Float32Array.from(t.dataSync()))
  );
}

Deno.test("trainBlockStep() on block l changes only block l's conv weights, never a projection", () => {
  const network = new AsgeNetwork(plan, DEFAULT_ENCODING, 3);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(PRESETS.quick.optimizer, b.variables));
  const images = tf.randomNormal([6, 8, 8, 1], 0, 1, "float32", 5) as tf.Tensor4D;
  const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], "int32");
  for (let l = 0; l < network.blocks.length; l++) {
    const before = snapshot(network);
    // x_l as the network would hand it on, then one step of block l only
    const input = l === 0 ? images : tf.tidy(() => {
      let x = images;
      for (let k = 0; k < l; k++) x = network.blocks[k].next(network.blocks[k].forward(x).features);
      return x;
    });
    const result = trainBlockStep(network.blocks[l], input, labels, optimizers[l], 0.01, true);
    tf.dispose([result.loss, result.correct, result.next!]);
    if (input !== images) input.dispose();
    const after = snapshot(network);
    after.forEach((arrays, k) =>
      arrays.forEach((values, i) => {
        const changed = values.some((v, j) => v !== before[k][i][j]);
        const isConv = i < 2;
        assert.equal(
          changed,
          k === l && isConv,
          `block ${k} tensor ${i} changed=${changed} after training block ${l}`,
        );
      })
    );
  }
  tf.dispose([images, labels]);
  optimizers.forEach((o) => o.dispose());
  network.dispose();
});

Deno.test("the gradient of block l's local loss with respect to earlier blocks' parameters is zero", () => {
  const network = new AsgeNetwork(plan, DEFAULT_ENCODING, 4);
  const images = tf.randomNormal([4, 8, 8, 1], 0, 1, "float32", 6) as tf.Tensor4D;
  const oneHot = tf.oneHot(tf.tensor1d([0, 1, 2, 1], "int32"), 3).toFloat() as tf.Tensor2D;
  const last = network.blocks.length - 1;
  const variables = network.blocks.flatMap((b) => b.variables);
  const { grads } = tf.variableGrads(() => {
    // the whole forward pass through every block, as one differentiable function
    const out = network.predict(images, last);
    return localLoss(out.logits[last], oneHot);
  }, variables);
  for (const block of network.blocks) {
    for (const v of block.variables) {
      const norm = tf.sum(tf.abs(grads[v.name])).dataSync()[0];
      if (block.shape.index < last) {
        assert.equal(norm, 0, `earlier block ${block.shape.index} got gradient ${norm}`);
      } else assert.ok(norm > 0, "the last block must get a gradient from its own loss");
    }
  }
  tf.dispose([images, oneHot, grads]);
  network.dispose();
});

Deno.test("localLoss() gradient through a tiny block matches central finite differences", () => {
  const tinyPlan = planNetwork([{ channels: 3, kernelSize: 3, pool: 1 }], {
    ...DEFAULT_ENCODING,
    goodnessReduction: "mean",
  }, [
    4,
    4,
    2,
  ], 3);
  const network = new AsgeNetwork(tinyPlan, { ...DEFAULT_ENCODING, goodnessReduction: "mean" }, 9);
  const block = network.blocks[0];
  const x = tf.randomNormal([3, 4, 4, 2], 0, 1, "float32", 7) as tf.Tensor4D;
  const labels = tf.tensor1d([0, 2, 1], "int32");
  const oneHot = tf.oneHot(labels, 3).toFloat() as tf.Tensor2D;
  const lossValue = () => tf.tidy(() => localLoss(block.forward(x).logits, oneHot).dataSync()[0]);
  // the gradient training uses: the hand-written chain rule of localGradients
  const local = localGradients(block, x, labels);
  const analytic = local.gradients[block.kernel.name].dataSync();
  const weights = block.kernel.dataSync().slice();
  const h = 1e-2;
  let checked = 0;
  for (let i = 0; i < weights.length; i += 5) {
    const probe = (delta: number) => {
      const w = weights.slice();
      w[i] += delta;
      block.kernel.assign(tf.tensor4d(w, block.kernel.shape));
      return lossValue();
    };
    const numeric = (probe(h) - probe(-h)) / (2 * h);
    const scale = Math.max(1e-3, Math.abs(numeric), Math.abs(analytic[i]));
    assert.ok(
      Math.abs(numeric - analytic[i]) / scale < 0.05,
      `kernel[${i}]: analytic ${analytic[i]} vs numeric ${numeric}`,
    );
    checked++;
  }
  assert.ok(checked >= 10);
  tf.dispose([x, labels, oneHot, local.loss, local.correct, local.features, local.gradients]);
  network.dispose();
});

Deno.test("localGradients() equals automatic differentiation of the block's forward pass", () => {
  const cases = [["sum", 0], ["mean", 0], ["mean", 0.1]] as const;
  for (const [reduction, labelSmoothing] of cases) {
    const encoding = { ...DEFAULT_ENCODING, goodnessReduction: reduction, labelSmoothing };
    const network = new AsgeNetwork(
      planNetwork([{ channels: 5, kernelSize: 3, pool: 2 }], encoding, [8, 8, 3], 4),
      encoding,
      2,
    );
    const block = network.blocks[0];
    const x = tf.randomNormal([3, 8, 8, 3], 0, 1, "float32", 11) as tf.Tensor4D;
    const labels = tf.tensor1d([0, 3, 1], "int32");
    const manual = localGradients(block, x, labels);
    const auto = autodiffGradients(block, x, labels);
    const close = (a: tf.Tensor, b: tf.Tensor) =>
      tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / Math.max(1e-6, tf.max(tf.abs(b)).dataSync()[0]);
    assert.ok(close(manual.loss, auto.loss) < 1e-5, `${reduction}: loss differs`);
    const oneHotLoss = tf.tidy(() =>
      localLoss(block.forward(x).logits, tf.oneHot(labels, 4).toFloat() as tf.Tensor2D)
    );
    const smoothed = Math.abs(oneHotLoss.dataSync()[0] - manual.loss.dataSync()[0]) > 1e-4;
    oneHotLoss.dispose();
    assert.equal(smoothed, labelSmoothing > 0, `label smoothing ${labelSmoothing} acts iff it is > 0`);
    assert.equal(manual.correct.dataSync()[0], auto.correct.dataSync()[0]);
    for (const v of block.variables) {
      const error = close(manual.gradients[v.name], auto.gradients[v.name]);
      assert.ok(
        error < 1e-4,
        `${reduction}: gradient of ${v.name} differs by ${error} (relative to its max)`,
      );
    }
    tf.dispose([x, labels, manual.loss, manual.correct, manual.features, manual.gradients]);
    tf.dispose([auto.loss, auto.correct, auto.features, auto.gradients]);
    network.dispose();
  }
});
