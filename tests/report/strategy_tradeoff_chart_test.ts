import assert from "node:assert/strict";
import { strategyTradeoffChart, strategyTradeoffPanel } from "../../lib/report/strategy_tradeoff_chart.ts";
import { STRATEGY_COLORS } from "../../lib/report/chart_style.ts";
import { fakeStrategies } from "./_fixtures.ts";

Deno.test("strategyTradeoffChart() puts one point per strategy at (cost, test accuracy %)", () => {
  const summaries = fakeStrategies();
  const fig = strategyTradeoffChart(summaries, "parameters");
  assert.deepEqual(fig.data.map((t) => t.name), ["Last", "Fusion", "Best"]);
  assert.deepEqual(fig.data[1].x, [1_180_000 + 1_331_240]);
  assert.deepEqual(fig.data[1].y, [91.31]);
  assert.equal((fig.data[2].marker as { color: string }).color, STRATEGY_COLORS.best);
});

Deno.test("strategyTradeoffChart() shows peak memory in MiB and FLOPs per image", () => {
  const summaries = fakeStrategies();
  const memory = strategyTradeoffChart(summaries, "peakMemory");
  assert.equal((memory.data[0].x as number[])[0], 6.1);
  assert.match(JSON.stringify(memory.layout.xaxis), /MiB/);
  const flops = strategyTradeoffChart(summaries, "flops");
  assert.deepEqual(flops.data.map((t) => (t.x as number[])[0]), [310e6, 336e6, 95e6]);
});

Deno.test("strategyTradeoffChart() rejects an unknown cost and empty input", () => {
  // @ts-expect-error: testing a bad value from untyped callers
  assert.throws(() => strategyTradeoffChart(fakeStrategies(), "latency"), /cost "latency" is unknown/);
  assert.throws(() => strategyTradeoffChart([], "flops"), /summaries is empty/);
});

Deno.test("strategyTradeoffPanel() draws three panels with the legend shown once per strategy", () => {
  const fig = strategyTradeoffPanel(fakeStrategies());
  assert.equal(fig.data.length, 9);
  assert.deepEqual(fig.data.map((t) => t.xaxis), ["x", "x", "x", "x2", "x2", "x2", "x3", "x3", "x3"]);
  assert.equal(fig.data.filter((t) => t.showlegend).length, 3);
  for (const key of ["xaxis", "xaxis2", "xaxis3", "yaxis", "yaxis2", "yaxis3"]) {
    assert.ok(fig.layout[key], key);
  }
});
