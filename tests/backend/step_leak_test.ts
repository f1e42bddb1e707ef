/**
 * No tensor and no backend buffer may outlive a training step, on every backend that runs here: a leak of one
 * feature map per step fills memory within an epoch on the vgg presets.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { probeBackends, useBackend } from "../../lib/backend/backends.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import { BlockOptimizer } from "../../lib/training/block_optimizer.ts";
import { LocalStepEngine } from "../../lib/training/local_step_engine.ts";
import { randomBatch } from "../../bench/random_batch.ts";
import { sanitizersFor, shortReason } from "./_compare.ts";

const config = resolveConfig("quick", {
  blocks: [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
  batchSize: 8,
});
const plan = planNetwork(config.blocks, config.encoding, [8, 8, 1], 3);

/** Tensors tfjs tracks and data buffers the backend holds. */
function counts(): { tensors: number; bytes: number; dataIds: number } {
  const memory = tf.memory();
  return { tensors: memory.numTensors, bytes: memory.numBytes, dataIds: tf.engine().backend.numDataIds() };
}

for (const probe of await probeBackends()) {
  if (probe.name === "tensorflow" && !probe.available) continue;
  const name = `LocalStepEngine.step() leaves no tensors behind across steps on ${probe.name}`;
  Deno.test({
    name: probe.available ? name : `${name}: skipped, ${shortReason(probe.reason)}`,
    ignore: !probe.available,
    ...sanitizersFor(probe.name),
    async fn() {
      await useBackend(probe.name);
      const before = counts();
      const network = new AsgeNetwork(plan, config.encoding, 1);
      const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
      const engine = new LocalStepEngine(network, optimizers);
      // The first step may allocate what later steps reuse (loss sums, optimizer slots already exist).
      await engine.step(randomBatch(plan, 8, 1), 1e-2);
      await engine.takeStats();
      const warm = counts();
      for (let step = 2; step <= 5; step++) await engine.step(randomBatch(plan, 8, step), 1e-2);
      const stats = await engine.takeStats();
      assert.equal(stats.images, 32, "the steps did not all run");
      assert.ok(stats.lossSum.every(Number.isFinite), `losses ${stats.lossSum}`);
      assert.deepEqual(counts(), warm, `${probe.name}: four more steps changed what is held`);
      engine.dispose();
      network.dispose();
      for (const o of optimizers) o.dispose();
      assert.deepEqual(
        counts(),
        before,
        `${probe.name}: disposing network, optimizers and engine left tensors`,
      );
    },
  });
}
