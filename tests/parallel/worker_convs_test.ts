import assert from "node:assert/strict";
import { bandsConfig } from "../_bands_run.ts";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";
import type { RunConfig } from "../../lib/config/run_config.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { workerEngine } from "../../lib/parallel/worker_step_engine.ts";
import { trainInMemory } from "../../lib/training/train_in_memory.ts";

await useCpu();

Deno.test("workerEngine() averages every variable of a convs 2 block: 2 workers train what one thread trains", async () => {
  const config: RunConfig = {
    ...bandsConfig(1),
    blocks: [{ channels: 4, kernelSize: 3, pool: 2, convs: 2 }, { channels: 6, kernelSize: 3, pool: 1 }],
  };
  const data = quadrantDataset(96);
  const single = await trainInMemory({ config, data });
  const parallel = await trainInMemory({ config, data, engine: workerEngine(2, "cpu") });
  const [a, b] = [await single.network.readWeights(), await parallel.network.readWeights()];
  // the weights both started from: the inner conv must have moved, or the comparison shows nothing
  const start = new AsgeNetwork(
    planNetwork(config.blocks, config.encoding, [8, 8, 1], 4),
    config.encoding,
    config.seed,
  );
  const before = (await start.readWeights()).blocks[0].innerKernels![0];
  start.dispose();
  assert.ok(
    before.some((v, i) => Math.abs(v - b.blocks[0].innerKernels![0][i]) > 1e-4),
    "the inner conv did not train",
  );
  const compare = (name: string, x: Float32Array, y: Float32Array) => {
    let worst = 0, scale = 0;
    x.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - y[i]));
      scale = Math.max(scale, Math.abs(v));
    });
    assert.ok(worst / scale < 1e-3, `${name}: differ by ${worst} (max ${scale})`);
  };
  compare("block 0 kernel", a.blocks[0].kernel, b.blocks[0].kernel);
  compare("block 0 inner kernel", a.blocks[0].innerKernels![0], b.blocks[0].innerKernels![0]);
  compare("block 1 kernel", a.blocks[1].kernel, b.blocks[1].kernel);
  single.network.dispose();
  parallel.network.dispose();
});
