import assert from "node:assert/strict";
import { DEFAULT_ENCODING, PRESETS } from "../../lib/config/presets.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { TrainProgress } from "../../lib/report/train_progress.ts";
import type { EpochMetrics } from "../../lib/training/epoch_metrics.ts";

const config = { ...PRESETS.quick, epochs: 2 };
const plan = planNetwork(config.blocks, DEFAULT_ENCODING, [28, 28, 1], 10);
const start = {
  type: "start",
  config,
  plan,
  images: { train: 900, validation: 100, test: 200 },
  stepsPerEpoch: 10,
  startEpoch: 0,
} as const;
const step = (s: number) =>
  ({
    type: "step",
    epoch: 1,
    step: s,
    stepsPerEpoch: 10,
    blockLoss: [2.1, 1.9, 1.5],
    imagesPerSecond: 321.4,
    etaSeconds: 75,
    learningRate: 1e-3,
  }) as const;
const epoch: EpochMetrics = {
  epoch: 1,
  blocks: [0.5, 0.6, 0.7].map((a) => ({
    trainLoss: 1,
    trainAccuracy: a,
    validationAccuracy: a,
    testAccuracy: a,
    meanGoodness: 3,
  })),
  testAccuracy: { last: 0.7, fusion: 0.75, best: 0.7 },
  validationAccuracy: { last: 0.7, fusion: 0.75, best: 0.7 },
  bestBlock: 2,
  learningRate: 1e-3,
  imagesPerSecond: 300,
  trainSeconds: 3,
  evalSeconds: 1,
};

Deno.test("TrainProgress.handle() throttles step redraws but not other events", () => {
  const progress = new TrainProgress(60);
  assert.equal(progress.handle(start), true);
  assert.equal(progress.handle(step(2)), false, "a step right after a redraw waits");
  assert.equal(progress.handle(step(10)), true, "the epoch's last step always redraws");
  assert.equal(progress.handle({ type: "evaluate", epoch: 1, split: "test", images: 200 }), true);
  assert.equal(progress.handle({ type: "checkpoint", path: "x", epoch: 1 }), false);
  const eager = new TrainProgress(0);
  eager.handle(start);
  assert.equal(eager.handle(step(3)), true);
});

Deno.test("TrainProgress.html() shows the bar, the status and one row per epoch, escaped", () => {
  const progress = new TrainProgress(0);
  progress.handle({ ...start, config: { ...config, dataset: "<cifar>" } });
  progress.handle(step(5));
  let html = progress.html();
  assert.match(html, /<progress value="5" max="20"/);
  assert.match(html, /epoch 1, step 5\/10 · 321 images\/s · loss per block 2\.100 1\.900 1\.500 · ETA 1m15s/);
  assert.match(html, /&lt;cifar&gt;, preset quick: 900 train \/ 100 validation \/ 200 test images/);
  assert.doesNotMatch(html, /<table>/);
  progress.handle({ type: "epoch", metrics: epoch });
  progress.finish("done: Best uses block 3");
  html = progress.html();
  assert.match(html, /<th>block 3<\/th><th>Last<\/th><th>Fusion<\/th><th>Best<\/th>/);
  assert.match(
    html,
    /<td>1<\/td><td>50\.00%<\/td><td>60\.00%<\/td><td>70\.00%<\/td><td>70\.00%<\/td><td>75\.00%<\/td>/,
  );
  assert.match(html, /70\.00% \(block 3\)/);
  assert.match(html, /done: Best uses block 3/);
  const text = progress.bundle()["text/plain"];
  assert.match(text, /\[50%\] done: Best uses block 3/);
  assert.match(text, /epoch 1: 50\.00%/);
});

Deno.test("TrainProgress shows a run's warnings in both forms, escaped", () => {
  const progress = new TrainProgress(0);
  progress.handle(start);
  const message = "block 2's local loss is 5.00e+17 (epoch 1, step 9), over 10x chance <2.30>";
  assert.equal(
    progress.handle({ type: "warning", epoch: 1, block: 1, quantity: "loss", value: 5e17, message }),
    true,
  );
  assert.match(progress.html(), /warning: block 2&#39;s local loss is 5\.00e\+17 .* chance &lt;2\.30&gt;/);
  assert.match(progress.text(), /\nwarning: block 2's local loss is 5\.00e\+17/);
});
