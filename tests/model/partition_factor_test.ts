import assert from "node:assert/strict";
import { partitionFactor } from "../../lib/model/partition_factor.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { DEFAULT_ENCODING, PRESETS } from "../../lib/config/presets.ts";

Deno.test("partitionFactor() gives (C_L / C_l)^alpha when it divides the map", () => {
  assert.equal(partitionFactor(32, 128, 1, 28, 28), 4);
  assert.equal(partitionFactor(64, 128, 1, 14, 14), 2);
  assert.equal(partitionFactor(128, 128, 1, 7, 7), 1);
  assert.equal(partitionFactor(64, 512, 1, 32, 32), 8);
});

Deno.test("partitionFactor() rounds to the nearest common divisor of height and width", () => {
  // ideal 8 on a 28x28 map: divisors 7 and 14; 7 is nearer
  assert.equal(partitionFactor(16, 128, 1, 28, 28), 7);
  // ideal 4 on 7x7: 1 and 7 are both 3 away; the tie goes to the coarser grid, 1
  assert.equal(partitionFactor(32, 128, 1, 7, 7), 1);
  // ideal 2 on a 6x9 map: common divisors 1 and 3; both 1 away -> 1
  assert.equal(partitionFactor(64, 128, 1, 6, 9), 1);
  // ideal 3 on 6x9: 3 divides both
  assert.equal(partitionFactor(1, 3, 1, 6, 9), 3);
});

Deno.test("partitionFactor() with alpha 0 is plain per-channel goodness", () => {
  assert.equal(partitionFactor(32, 512, 0, 32, 32), 1);
});

Deno.test("partitionFactor() rejects negative alpha and zero channels", () => {
  assert.throws(() => partitionFactor(32, 128, -1, 28, 28), /alpha must be >= 0/);
  assert.throws(() => partitionFactor(0, 128, 1, 28, 28), /channels must be positive/);
});

Deno.test("planNetwork() resolves every preset's partition factors and goodness lengths", () => {
  const grey = planNetwork(PRESETS["vgg-grey"].blocks, DEFAULT_ENCODING, [28, 28, 1], 10);
  assert.deepEqual(grey.blocks.map((b) => b.partition), [7, 4, 2, 1]);
  assert.deepEqual(grey.blocks.map((b) => b.goodnessLength), [64 * 49, 128 * 16, 256 * 4, 512]);
  const colour = planNetwork(PRESETS["vgg-colour"].blocks, DEFAULT_ENCODING, [32, 32, 3], 10);
  assert.deepEqual(colour.blocks.map((b) => b.partition), [8, 4, 2, 1]);
  assert.deepEqual(colour.blocks.at(-1)!.outputShape, [2, 2, 512]);
  // quick: block 1 sets P = 4; alpha = 1 gives 128/64 = 2 for the second 64-channel block and 1 for the last.
  const quick = planNetwork(PRESETS.quick.blocks, DEFAULT_ENCODING, [28, 28, 1], 10);
  assert.deepEqual(quick.blocks.map((b) => b.partition), [4, 2, 1]);
  assert.deepEqual(quick.blocks.map((b) => b.goodnessLength), [64 * 16, 64 * 4, 128]);
  const post = planNetwork(
    PRESETS.quick.blocks,
    { ...DEFAULT_ENCODING, goodnessSite: "post" },
    [28, 28, 1],
    10,
  );
  assert.deepEqual(post.blocks.map((b) => b.goodnessMap), [[14, 14], [7, 7], [7, 7]]);
  // After pooling: block 1's 4 fits the 14x14 map as 2; alpha's 2 rounds to 1 on the 7x7 map.
  assert.deepEqual(post.blocks.map((b) => b.partition), [2, 1, 1]);
});
