import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { useBackend } from "../../lib/backend/backends.ts";
import { PRESET_NAMES, PRESETS } from "../../lib/config/presets.ts";
import { validateConfig } from "../../lib/config/resolve_config.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { loadNetwork, saveNetwork } from "../../lib/model/model_file.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { BlockOptimizer } from "../../lib/training/block_optimizer.ts";
import { learningRateAt } from "../../lib/training/learning_rate.ts";
import { LocalStepEngine } from "../../lib/training/local_step_engine.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

// The paper-scale presets take seconds per step on tfjs's pure-JS cpu backend; wasm with asge's kernels takes
// a fraction of one, and saving and loading do not depend on the backend.
await useBackend("wasm");

/** The image shape and class count of the dataset each preset is sized for. */
const DATASET_SHAPES: Readonly<Record<string, { shape: [number, number, number]; classes: number }>> = {
  "mnist": { shape: [28, 28, 1], classes: 10 },
  "fashion-mnist": { shape: [28, 28, 1], classes: 10 },
  "cifar10": { shape: [32, 32, 3], classes: 10 },
  "cifar100": { shape: [32, 32, 3], classes: 100 },
  "imagenet": { shape: [32, 32, 3], classes: 1000 },
};

for (const name of PRESET_NAMES) {
  Deno.test(`PRESETS["${name}"] validates, builds, takes a training step, and saves and loads bit for bit`, async () => {
    const config = PRESETS[name];
    assert.equal(config.preset, name);
    validateConfig(config);
    const dataset = DATASET_SHAPES[config.dataset];
    assert.ok(dataset, `add the image shape of dataset "${config.dataset}" to DATASET_SHAPES`);
    const plan = planNetwork(config.blocks, config.encoding, dataset.shape, dataset.classes);
    assert.equal(plan.blocks.length, config.blocks.length);

    const size = 2;
    const random = new SeededRandom(3);
    const images = Float32Array.from(
      { length: size * dataset.shape.reduce((a, b) => a * b) },
      () => random.next(),
    );
    const labels = Int32Array.from({ length: size }, (_, i) => (i * 7) % dataset.classes);
    const network = new AsgeNetwork(plan, config.encoding, config.seed);
    const dir = await Deno.makeTempDir();
    try {
      const before = await network.readWeights();
      const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
      const engine = new LocalStepEngine(network, optimizers);
      await engine.step({ images, labels, size }, learningRateAt(config.optimizer, 0, 1, config.epochs));
      const stats = await engine.takeStats();
      engine.dispose();
      optimizers.forEach((o) => o.dispose());
      assert.equal(stats.images, size);
      stats.lossSum.forEach((loss, l) =>
        assert.ok(Number.isFinite(loss) && loss > 0, `block ${l + 1}: ${loss}`)
      );
      const after = await network.readWeights();
      after.blocks.forEach((b, l) => {
        assert.notDeepEqual(b.kernel, before.blocks[l].kernel, `block ${l + 1}'s kernel did not move`);
        assert.deepEqual(b.projection, before.blocks[l].projection, `block ${l + 1}'s projection moved`);
      });

      const path = `${dir}/model.asge`;
      await saveNetwork(path, network, config.seed, { preset: name });
      const { network: loaded, header } = await loadNetwork(path);
      try {
        assert.deepEqual(header.plan, plan);
        assert.deepEqual(header.meta, { preset: name });
        const x = tf.tensor4d(images, [size, ...dataset.shape]);
        const want = network.predict(x);
        const got = loaded.predict(x);
        for (let l = 0; l < plan.blocks.length; l++) {
          assert.deepEqual(got.logits[l].dataSync(), want.logits[l].dataSync(), `block ${l + 1}'s logits`);
        }
        tf.dispose([x, want.logits, want.goodness, got.logits, got.goodness]);
      } finally {
        loaded.dispose();
      }
    } finally {
      network.dispose();
      await Deno.remove(dir, { recursive: true });
    }
  });
}
