import assert from "node:assert/strict";
import { DIVERGING_LOSS_FACTOR, NonFiniteError, TrainingHealth } from "../../lib/training/training_health.ts";

const at = (step: number) => ({ epoch: 3, step, sinceStep: step - 19, learningRate: 0.01 });

Deno.test("TrainingHealth.checkLosses() throws for NaN and infinity, naming block, epoch and the steps", () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const health = new TrainingHealth(10);
    assert.throws(
      () => health.checkLosses([1.2, 0.9, bad], at(40)),
      (e) =>
        e instanceof NonFiniteError && e.block === 2 && e.epoch === 3 && e.step === 40 &&
        e.message.startsWith(`Block 3's local loss became ${bad} in epoch 3 between steps 21 and 40`),
    );
  }
});

Deno.test("TrainingHealth.checkLosses() warns once per block when a loss far above chance grows", () => {
  const health = new TrainingHealth(10);
  const limit = DIVERGING_LOSS_FACTOR * Math.log(10);
  assert.deepEqual(health.checkLosses([2.3, limit * 2], at(20)), [], "high but not yet growing: no warning");
  assert.deepEqual(health.checkLosses([2.0, limit * 1.5], at(40)), [], "falling: no warning");
  const warnings = health.checkLosses([1.9, limit * 3], at(60));
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].block, 1);
  assert.match(warnings[0].message, /^block 2's local loss is .* over 10x chance .*lower learning rate/);
  assert.deepEqual(health.checkLosses([1.8, limit * 9], at(80)), [], "each block warns once");
});

Deno.test("TrainingHealth.checkLosses() warns at the first check when a loss is a hundred times the limit", () => {
  const health = new TrainingHealth(10);
  assert.equal(health.checkLosses([5.7e17], at(20)).length, 1);
});

Deno.test("TrainingHealth.checkGoodness() warns when goodness explodes and throws when it is not finite", () => {
  const health = new TrainingHealth(10);
  assert.deepEqual(health.checkGoodness([0.5, 2], { epoch: 1, step: 90, learningRate: 1 }), []);
  const warnings = health.checkGoodness([0.6, 2e4], { epoch: 2, step: 90, learningRate: 1 });
  assert.deepEqual(warnings.map((w) => [w.block, w.quantity]), [[1, "goodness"]]);
  assert.throws(
    () => health.checkGoodness([NaN, 1], { epoch: 3, step: 90, learningRate: 1 }),
    (e) =>
      e instanceof NonFiniteError && e.quantity === "goodness" &&
      /mean goodness became NaN in epoch 3 at step 90/.test(e.message),
  );
});
