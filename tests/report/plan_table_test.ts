import assert from "node:assert/strict";
import { DEFAULT_ENCODING } from "../../lib/config/presets.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { strategyCost } from "../../lib/prediction/strategy_costs.ts";
import { planTable, planTableMarkdown } from "../../lib/report/plan_table.ts";

// A fixed three-block plan (the quick preset's first version), so that tuning a preset cannot change the table.
const THREE_BLOCKS = [
  { channels: 32, kernelSize: 3, pool: 2 },
  { channels: 64, kernelSize: 3, pool: 2 },
  { channels: 128, kernelSize: 3, pool: 1 },
];
const quick = planNetwork(THREE_BLOCKS, DEFAULT_ENCODING, [28, 28, 1], 10);

Deno.test("planTable() lists partition factor, goodness length and parameters per block", () => {
  const rows = planTable(quick);
  assert.deepEqual(rows.map((r) => r.partition), [4, 2, 1]);
  assert.deepEqual(rows.map((r) => r.goodnessLength), [32 * 16, 64 * 4, 128]);
  assert.deepEqual(rows.map((r) => r.input), ["28x28x1", "14x14x32", "7x7x64"]);
  assert.deepEqual(rows.map((r) => r.patch), ["7x7", "7x7", "7x7"]);
  assert.deepEqual(rows.map((r) => r.trainableParameters), [
    9 * 1 * 32 + 32,
    9 * 32 * 64 + 64,
    9 * 64 * 128 + 128,
  ]);
  assert.deepEqual(rows.map((r) => r.frozenParameters), [10 * 512 + 10, 10 * 256 + 10, 10 * 128 + 10]);
});

Deno.test("planTable() parameters add up to Fusion's cost", () => {
  const rows = planTable(quick);
  const fusion = strategyCost(quick, "fusion", 0);
  assert.equal(rows.reduce((s, r) => s + r.trainableParameters, 0), fusion.trainableParameters);
  assert.equal(rows.reduce((s, r) => s + r.frozenParameters, 0), fusion.frozenParameters);
});

Deno.test("planTableMarkdown() has a header, one row per block and a total", () => {
  const lines = planTableMarkdown(quick).split("\n");
  assert.equal(lines.length, 2 + 3 + 1);
  assert.match(lines[0], /partition P/);
  assert.match(lines[0], /frozen \(N = 10\)/);
  assert.match(
    lines[2],
    /^\| 1 \| 28x28x1 \| 32 \| 3x3 \| 2 \| 28x28 \| 4 \| 7x7 \| 512 \| 320 \| 5,130 \|$/,
  );
  assert.match(lines[5], /^\| total \|/);
});
