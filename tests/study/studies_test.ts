import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { STUDIES } from "../../lib/config/studies.ts";
import { studyRuns } from "../../lib/config/study_plan.ts";
import { BatchBuilder } from "../../lib/data/batch_builder.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { BackpropStepEngine } from "../../lib/training/backprop_step_engine.ts";
import { BlockOptimizer } from "../../lib/training/block_optimizer.ts";
import { LocalStepEngine } from "../../lib/training/local_step_engine.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";
import { useBackend } from "../../lib/backend/backends.ts";
import { quadrantImages } from "../_tf_cpu.ts";

Deno.test("STUDIES: every cell of every study resolves, builds its network and takes one step", async () => {
  // wasm with asge's kernels: the cpu backend's convolution gradients take seconds per step at 28x28.
  await useBackend("wasm");
  // Fashion-MNIST's shape: 28x28 grey images, 10 classes.
  const images = quadrantImages(4, 28, 10, 1);
  let cells = 0;
  for (const study of Object.values(STUDIES)) {
    assert.ok(study.seeds >= 3, `study ${study.name} has ${study.seeds} seeds; at least 3 are needed`);
    const runs = studyRuns(study, { seeds: 1 });
    assert.equal(runs.length, study.cells.length);
    for (const { cell, config } of runs) {
      const plan = planNetwork(config.blocks, config.encoding, [28, 28, 1], 10);
      const backprop = config.training === "backprop";
      const network = new AsgeNetwork(plan, config.encoding, config.seed, backprop);
      const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
      const engine = backprop
        ? new BackpropStepEngine(network, optimizers)
        : new LocalStepEngine(network, optimizers);
      const builder = new BatchBuilder(
        images,
        { mean: [0.3], std: [0.3] },
        config.augment,
        config.inputNormalization,
      );
      const before = network.blocks[0].kernel.dataSync().slice();
      await engine.step(builder.build([0, 1, 2, 3], new SeededRandom(1)), 1e-3);
      const stats = await engine.takeStats();
      assert.ok(
        stats.lossSum.every(Number.isFinite),
        `${study.name}/${cell.name}: loss ${stats.lossSum.join(", ")} is not finite`,
      );
      const after = network.blocks[0].kernel.dataSync();
      assert.ok(
        after.some((v, i) => v !== before[i]),
        `${study.name}/${cell.name}: the step changed nothing`,
      );
      engine.dispose();
      optimizers.forEach((o) => o.dispose());
      network.dispose();
      cells++;
    }
  }
  assert.ok(cells >= 30, `only ${cells} cells`);
  assert.equal(tf.memory().numTensors < 50, true, `${tf.memory().numTensors} tensors left`);
});
