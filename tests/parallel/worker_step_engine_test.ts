import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { bandsConfig } from "../_bands_run.ts";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";
import { workerEngine } from "../../lib/parallel/worker_step_engine.ts";
import type { EpochMetrics } from "../../lib/training/epoch_metrics.ts";
import { trainInMemory } from "../../lib/training/train_in_memory.ts";
import { runTraining } from "../../lib/run/run_training.ts";

await useCpu();

const data = quadrantDataset(256);
const config = bandsConfig(2);
const accuracies = (m: EpochMetrics[]) => m.map((e) => e.blocks.map((b) => b.testAccuracy));

Deno.test("workerEngine() with 2 workers trains the same network as one thread, up to float rounding", async () => {
  const single = await trainInMemory({ config, data });
  const parallel = await trainInMemory({ config, data, engine: workerEngine(2, "cpu") });
  const [a, b] = [await single.network.readWeights(), await parallel.network.readWeights()];
  a.blocks.forEach((block, l) => {
    let worst = 0, scale = 0;
    block.kernel.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - b.blocks[l].kernel[i]));
      scale = Math.max(scale, Math.abs(v));
    });
    assert.ok(worst / scale < 1e-3, `block ${l}: kernels differ by ${worst} (max ${scale})`);
  });
  const [x, y] = [accuracies(single.metrics), accuracies(parallel.metrics)];
  x.flat().forEach((v, i) => assert.ok(Math.abs(v - y.flat()[i]) <= 0.02, `accuracy ${v} vs ${y.flat()[i]}`));
  assert.equal(
    parallel.metrics[0].blocks[0].trainLoss.toFixed(3),
    single.metrics[0].blocks[0].trainLoss.toFixed(3),
  );
  single.network.dispose();
  parallel.network.dispose();
});

Deno.test("workerEngine() resumes from a checkpoint and stops its workers", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await runTraining({
      config: { ...config, epochs: 1 },
      data,
      runDir: dir,
      engine: workerEngine(2, "cpu"),
      report: false,
    });
    first.network.dispose();
    const before = tf.memory().numTensors;
    const resumed = await runTraining({
      config,
      data,
      runDir: dir,
      resume: true,
      engine: workerEngine(2, "cpu"),
      report: false,
    });
    assert.equal(resumed.metrics.length, 2);
    assert.ok(resumed.metrics[1].testAccuracy.best >= resumed.metrics[0].testAccuracy.best - 0.05);
    resumed.network.dispose();
    assert.equal(tf.memory().numTensors, before);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("workerEngine() reports a worker's failure as an error, not a hang", async () => {
  await assert.rejects(
    trainInMemory({ config, data, engine: workerEngine(2, "no-such-backend" as never) }),
    /training worker/,
  );
});
