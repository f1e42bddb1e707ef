import assert from "node:assert/strict";
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import { BatchBuilder } from "../../lib/data/batch_builder.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { loadNetwork } from "../../lib/model/model_file.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { runTraining } from "../../lib/run/run_training.ts";
import { BackpropStepEngine } from "../../lib/training/backprop_step_engine.ts";
import { BlockOptimizer } from "../../lib/training/block_optimizer.ts";
import { LocalStepEngine } from "../../lib/training/local_step_engine.ts";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";

const BLOCKS = [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }];
const data = quadrantDataset(64);

function build(backprop: boolean) {
  const config = resolveConfig("quick", { blocks: BLOCKS, training: backprop ? "backprop" : "local" });
  const plan = planNetwork(config.blocks, config.encoding, [8, 8, 1], 4);
  const network = new AsgeNetwork(plan, config.encoding, 1, backprop);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
  const batch = new BatchBuilder(data.train, data.normalization, config.augment).build(
    Array.from({ length: 16 }, (_, i) => i),
  );
  return { network, optimizers, batch };
}

Deno.test("BackpropStepEngine: the head's gradient reaches the first block; only the last projection learns", async () => {
  await useCpu();
  const local = build(false);
  const baseline = build(true);
  const before = baseline.network.blocks.map((b) => ({
    kernel: b.kernel.dataSync().slice(),
    projection: b.projection.dataSync().slice(),
  }));
  // Same seed: both networks start from the same weights.
  assert.deepEqual(local.network.blocks[0].kernel.dataSync(), before[0].kernel);
  await new LocalStepEngine(local.network, local.optimizers).step(local.batch, 1e-2);
  const engine = new BackpropStepEngine(baseline.network, baseline.optimizers);
  await engine.step(baseline.batch, 1e-2);
  const kernel0 = baseline.network.blocks[0].kernel.dataSync();
  const localKernel0 = local.network.blocks[0].kernel.dataSync();
  assert.ok(kernel0.some((v, i) => v !== before[0].kernel[i]), "backprop left block 1 untouched");
  // Block 1's local update follows its own loss; backprop's follows the head's: they differ.
  assert.ok(kernel0.some((v, i) => Math.abs(v - localKernel0[i]) > 1e-6), "backprop equals the local step");
  assert.deepEqual(baseline.network.blocks[0].projection.dataSync(), before[0].projection);
  const head = baseline.network.blocks[1].projection.dataSync();
  assert.ok(head.some((v, i) => v !== before[1].projection[i]), "the learned head did not move");
  assert.equal(baseline.network.blocks[1].frozenParameters, 0);
  const stats = await engine.takeStats();
  assert.equal(stats.images, 16);
  assert.ok(stats.lossSum.every((v) => Number.isFinite(v) && v > 0));
  for (const run of [local, baseline]) {
    run.optimizers.forEach((o) => o.dispose());
    run.network.dispose();
  }
});

Deno.test("runTraining() with training: backprop resumes and saves the learned head in the model file", async () => {
  await useCpu();
  const dir = await Deno.makeTempDir();
  try {
    const config = resolveConfig("quick", {
      dataset: "bands",
      blocks: BLOCKS,
      training: "backprop",
      batchSize: 16,
      epochs: 1,
    });
    const first = await runTraining({ config, data, runDir: dir, report: false });
    first.network.dispose();
    const second = await runTraining({
      config: { ...config, epochs: 2 },
      data,
      runDir: dir,
      resume: true,
      report: false,
    });
    assert.equal(second.metrics.length, 2);
    const head = second.network.blocks[1].projection.dataSync().slice();
    second.network.dispose();
    const saved = await loadNetwork(`${dir}/model.asge`);
    assert.deepEqual(saved.network.blocks[1].projection.dataSync(), head);
    saved.network.dispose();
    assert.equal(JSON.parse(await Deno.readTextFile(`${dir}/config.json`)).training, "backprop");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("BackpropStepEngine refuses a network whose last projection is frozen", async () => {
  await useCpu();
  const { network, optimizers } = build(false);
  assert.throws(() => new BackpropStepEngine(network, optimizers), /learnedHead/);
  optimizers.forEach((o) => o.dispose());
  network.dispose();
});
