import assert from "node:assert/strict";
import {
  blockAccuracyChart,
  blockGoodnessChart,
  blockLossChart,
  strategyAccuracyChart,
} from "../../lib/report/epoch_charts.ts";
import { blockColor } from "../../lib/report/chart_style.ts";
import { fakeEpochs } from "./_fixtures.ts";

Deno.test("blockAccuracyChart() draws train, validation and test lines per block in the block's color", () => {
  const epochs = fakeEpochs(5, 3);
  const fig = blockAccuracyChart(epochs);
  assert.equal(fig.data.length, 9);
  assert.deepEqual(fig.data.slice(0, 3).map((t) => t.name), [
    "Block 1 train",
    "Block 1 validation",
    "Block 1 test",
  ]);
  for (const [i, trace] of fig.data.entries()) {
    const block = Math.floor(i / 3);
    assert.equal((trace.line as { color: string }).color, blockColor(block));
    assert.deepEqual(trace.x, [1, 2, 3, 4, 5]);
    assert.equal((trace.y as number[]).length, 5);
  }
  // Fractions become percent.
  assert.equal((fig.data[2].y as number[])[4], Math.round(epochs[4].blocks[0].testAccuracy * 1e8) / 1e6);
  assert.match(JSON.stringify(fig.layout.yaxis), /Accuracy \(%\)/);
});

Deno.test("blockAccuracyChart() leaves out validation lines when there is no validation split", () => {
  const fig = blockAccuracyChart(fakeEpochs(4, 2, false));
  assert.deepEqual(fig.data.map((t) => t.name), [
    "Block 1 train",
    "Block 1 test",
    "Block 2 train",
    "Block 2 test",
  ]);
  assert.doesNotMatch(JSON.stringify(fig), /NaN/);
});

Deno.test("blockAccuracyChart() draws the paper's number as a reference line", () => {
  const fig = blockAccuracyChart(fakeEpochs(2, 2), { paperPercent: 93.41 });
  const shapes = fig.layout.shapes as { y0: number }[];
  assert.equal(shapes.length, 1);
  assert.equal(shapes[0].y0, 93.41);
  assert.equal(blockAccuracyChart(fakeEpochs(2, 2)).layout.shapes, undefined);
});

Deno.test("blockLossChart() draws one loss line per block", () => {
  const epochs = fakeEpochs(6, 4);
  const fig = blockLossChart(epochs);
  assert.deepEqual(fig.data.map((t) => t.name), ["Block 1", "Block 2", "Block 3", "Block 4"]);
  assert.deepEqual(fig.data[3].y, epochs.map((e) => e.blocks[3].trainLoss));
  assert.match(JSON.stringify(fig.layout.yaxis), /nats/);
});

Deno.test("blockGoodnessChart() uses a log axis for positive goodness spanning decades", () => {
  const fig = blockGoodnessChart(fakeEpochs(3, 4));
  assert.equal(fig.data.length, 4);
  assert.equal((fig.layout.yaxis as { type: string }).type, "log");
  const flat = fakeEpochs(3, 2).map((e) => ({
    ...e,
    blocks: e.blocks.map((b) => ({ ...b, meanGoodness: 0 })),
  }));
  assert.notEqual((blockGoodnessChart(flat).layout.yaxis as { type?: string }).type, "log");
});

Deno.test("strategyAccuracyChart() draws test and validation lines for Last, Fusion and Best", () => {
  const epochs = fakeEpochs(4, 3);
  const fig = strategyAccuracyChart(epochs);
  assert.deepEqual(
    fig.data.map((t) => t.name),
    ["Last test", "Last validation", "Fusion test", "Fusion validation", "Best test", "Best validation"],
  );
  assert.deepEqual(fig.data[4].customdata, epochs.map((e) => e.bestBlock + 1));
  assert.equal(strategyAccuracyChart(fakeEpochs(4, 3, false)).data.length, 3);
});

Deno.test("blockAccuracyChart() rejects an empty epoch list with a fix in the message", () => {
  assert.throws(() => blockAccuracyChart([]), /epochs is empty/);
  assert.throws(() => strategyAccuracyChart([]), /strategyAccuracyChart\(\)/);
});

Deno.test("blockLossChart() marks single-epoch runs with markers (a line needs two points)", () => {
  assert.equal(blockLossChart(fakeEpochs(1, 2)).data[0].mode, "markers");
  assert.equal(blockLossChart(fakeEpochs(2, 2)).data[0].mode, "lines+markers");
});
