import assert from "node:assert/strict";
import { PRESETS } from "../../lib/config/presets.ts";
import type { OptimizerConfig } from "../../lib/config/run_config.ts";
import { learningRateAt } from "../../lib/training/learning_rate.ts";

const base: OptimizerConfig = { ...PRESETS.quick.optimizer, learningRate: 0.2, warmupEpochs: 0 };
const close = (got: number, want: number, what: string) =>
  assert.ok(Math.abs(got - want) <= 1e-12, `${what}: ${got}, expected ${want}`);

Deno.test("learningRateAt() keeps a constant schedule at the peak rate on every step", () => {
  const optimizer = { ...base, schedule: "constant" as const };
  for (let step = 0; step < 30; step++) assert.equal(learningRateAt(optimizer, step, 5, 6), 0.2);
});

Deno.test("learningRateAt() follows a half cosine from the peak at step 0 towards 0 one step after the last", () => {
  const optimizer = { ...base, schedule: "cosine" as const };
  const total = 8 * 5;
  const rates = Array.from({ length: total }, (_, step) => learningRateAt(optimizer, step, 8, 5));
  assert.equal(rates[0], 0.2);
  close(rates[total / 2], 0.1, "halfway");
  close(rates[total / 4], 0.1 * (1 + Math.SQRT1_2), "a quarter of the way");
  close(rates[total - 1], 0.1 * (1 + Math.cos(Math.PI * (total - 1) / total)), "last step");
  assert.ok(rates[total - 1] > 0, "the last step still trains");
  close(learningRateAt(optimizer, total, 8, 5), 0, "one step after the last");
  close(learningRateAt(optimizer, total + 7, 8, 5), 0, "past the end it stays at 0");
  for (let t = 1; t < total; t++) {
    assert.ok(rates[t] < rates[t - 1], `step ${t} did not decrease`);
    close(rates[t] + learningRateAt(optimizer, total - t, 8, 5), 0.2, `symmetry at ${t}`);
  }
});

Deno.test("learningRateAt() multiplies by stepGamma every stepEpochs epochs", () => {
  const optimizer = { ...base, schedule: "step" as const, stepEpochs: 2, stepGamma: 0.5 };
  // 3 steps per epoch: epochs 0-1 are steps 0-5, epochs 2-3 steps 6-11, epoch 4 steps 12-14.
  const rates = Array.from({ length: 15 }, (_, step) => learningRateAt(optimizer, step, 3, 5));
  assert.deepEqual(rates, [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05]);
});

Deno.test("learningRateAt() warms up linearly to the peak, then starts its schedule from the peak", () => {
  const cosine = { ...base, schedule: "cosine" as const, warmupEpochs: 2 };
  // 5 steps per epoch, 10 epochs: warm-up is steps 0-9, the cosine runs over the 40 steps after it.
  for (let step = 0; step < 10; step++) {
    close(learningRateAt(cosine, step, 5, 10), 0.02 * (step + 1), `warm-up ${step}`);
  }
  assert.equal(learningRateAt(cosine, 10, 5, 10), 0.2);
  close(learningRateAt(cosine, 30, 5, 10), 0.1, "halfway through the cosine");
  close(learningRateAt(cosine, 50, 5, 10), 0, "the end");

  const constant = { ...base, schedule: "constant" as const, warmupEpochs: 0.5 };
  // Half an epoch of 4 steps: two warm-up steps.
  const rates = [0, 1, 2, 3].map((step) => learningRateAt(constant, step, 4, 3));
  assert.deepEqual(rates, [0.1, 0.2, 0.2, 0.2]);
});
