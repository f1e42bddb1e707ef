import assert from "node:assert/strict";
import { PAPER_RESULTS } from "../../lib/config/paper_results.ts";
import { REPRODUCTION_DATASETS, REPRODUCTIONS } from "../../lib/config/reproductions.ts";
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import { DEFAULT_ENCODING, PRESETS } from "../../lib/config/presets.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";

const SHAPES: Record<string, [[number, number, number], number]> = {
  "mnist": [[28, 28, 1], 10],
  "fashion-mnist": [[28, 28, 1], 10],
  "cifar10": [[32, 32, 3], 10],
  "cifar100": [[32, 32, 3], 100],
  "imagenet": [[32, 32, 3], 1000],
};

Deno.test("REPRODUCTIONS: every row of the paper's table resolves to a valid config whose plan fits its data", () => {
  assert.deepEqual(Object.keys(REPRODUCTIONS), [...REPRODUCTION_DATASETS]);
  for (const dataset of REPRODUCTION_DATASETS) {
    const reproduction = REPRODUCTIONS[dataset];
    const config = resolveConfig(reproduction.preset, reproduction.overrides);
    assert.equal(config.dataset, dataset);
    assert.equal(config.limit, 0, `${dataset} must train on the whole training split`);
    assert.equal(reproduction.paper, PAPER_RESULTS[dataset]);
    const [shape, classes] = SHAPES[dataset];
    const plan = planNetwork(config.blocks, config.encoding, shape, classes);
    assert.equal(plan.blocks.length, config.blocks.length);
  }
  assert.equal(REPRODUCTIONS.imagenet.imageSize, 32);
  assert.equal(REPRODUCTIONS.imagenet.paper.top5, 75.23);
});

Deno.test("planNetwork() resolves vgg-imagenet at 32x32 and 64x64 with 1000 classes", () => {
  for (const side of [32, 64]) {
    const plan = planNetwork(PRESETS["vgg-imagenet"].blocks, DEFAULT_ENCODING, [side, side, 3], 1000);
    assert.deepEqual(plan.blocks.map((b) => b.partition), [8, 4, 2, 1, 1]);
    assert.deepEqual(plan.blocks.map((b) => b.goodnessLength), [4096, 2048, 1024, 512, 512]);
    assert.deepEqual(plan.blocks.at(-1)!.outputShape, [side / 16, side / 16, 512]);
  }
});
