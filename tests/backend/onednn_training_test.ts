/**
 * Training on onednn: the same seed gives the same network as wasm to float rounding, and many steps hold
 * neither more tensors nor more memory (native primitives are cached by shape, never rebuilt per step).
 * Skipped, with the reason, where oneDNN does not load.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { type BackendName, probeBackends, useBackend } from "../../lib/backend/backends.ts";
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { BlockOptimizer } from "../../lib/training/block_optimizer.ts";
import { LocalStepEngine } from "../../lib/training/local_step_engine.ts";
import { randomBatch } from "../../bench/random_batch.ts";
import { shortReason } from "./_compare.ts";

const onednn = (await probeBackends()).find((p) => p.name === "onednn")!;
const skip = onednn.available ? "" : ` (skipped: ${shortReason(onednn.reason)})`;

const config = resolveConfig("quick", { batchSize: 16 });
const plan = planNetwork(config.blocks, config.encoding, [28, 28, 1], 10);

/** The weights of every block after `steps` steps from seed 7, with the summed losses. */
async function train(
  backend: BackendName,
  steps: number,
): Promise<{ weights: Float32Array[]; loss: number[] }> {
  await useBackend(backend);
  const network = new AsgeNetwork(plan, config.encoding, 7);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
  const engine = new LocalStepEngine(network, optimizers);
  for (let step = 1; step <= steps; step++) await engine.step(randomBatch(plan, 16, step), 1e-3);
  const stats = await engine.takeStats();
  const weights = await Promise.all(network.blocks.flatMap((b) => b.variables.map((v) => v.data())));
  engine.dispose();
  network.dispose();
  for (const o of optimizers) o.dispose();
  return { weights: weights as Float32Array[], loss: stats.lossSum };
}

Deno.test({
  name: `training on onednn equals wasm to float rounding: 5 steps of the quick preset, same seed${skip}`,
  ignore: !onednn.available,
  async fn() {
    const want = await train("wasm", 5);
    const got = await train("onednn", 5);
    want.loss.forEach((l, i) => assert.ok(Math.abs(got.loss[i] - l) <= 1e-4 * Math.abs(l), `loss ${i}`));
    want.weights.forEach((w, i) => {
      let worst = 0;
      let scale = 0;
      for (let k = 0; k < w.length; k++) {
        worst = Math.max(worst, Math.abs(got.weights[i][k] - w[k]));
        scale = Math.max(scale, Math.abs(w[k]));
      }
      // Adam divides by sqrt(v): a gradient that differs by float rounding moves a weight by up to ~lr.
      assert.ok(worst <= 1e-4 * scale + 1e-5, `variable ${i}: max difference ${worst} of max |w| ${scale}`);
    });
  },
});

Deno.test({
  name: `onednn: tensor count and RSS stay flat over 300 training steps${skip}`,
  ignore: !onednn.available,
  async fn() {
    await useBackend("onednn");
    const network = new AsgeNetwork(plan, config.encoding, 3);
    const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
    const engine = new LocalStepEngine(network, optimizers);
    const batches = [1, 2, 3].map((seed) => randomBatch(plan, 16, seed));
    for (let step = 0; step < 100; step++) await engine.step(batches[step % 3], 1e-3);
    await engine.takeStats();
    const tensors = tf.memory().numTensors;
    const rss = Deno.memoryUsage().rss;
    for (let step = 0; step < 300; step++) {
      await engine.step(batches[step % 3], 1e-3);
      if (step % 50 === 49) await engine.takeStats();
    }
    assert.equal(tf.memory().numTensors, tensors, "tensors grew over 300 steps");
    const grownMiB = (Deno.memoryUsage().rss - rss) / 2 ** 20;
    // One leaked feature map of block 1 per step (16 x 28 x 28 x 32 floats) would add 300 x 1.5 MiB; the
    // allocator and V8 move RSS by a few MiB either way (measured over 1000 steps: 131, 133, 133, 150 MiB).
    assert.ok(grownMiB < 48, `RSS grew ${grownMiB.toFixed(1)} MiB over 300 steps`);
    engine.dispose();
    network.dispose();
    for (const o of optimizers) o.dispose();
  },
});
