import assert from "node:assert/strict";
import {
  resultsTable,
  resultsTableCells,
  resultsTableJson,
  resultsTableMarkdown,
} from "../../lib/report/results_table.ts";
import { fakeEpochs, fakeStrategies } from "./_fixtures.ts";

Deno.test("resultsTable() gives per-strategy and per-block rows in percent with the gap to the paper", () => {
  const epochs = fakeEpochs(8, 4);
  const table = resultsTable({
    strategies: fakeStrategies(),
    finalEpoch: epochs.at(-1),
    paper: { top1: 93.41 },
  });
  assert.equal(table.epoch, 8);
  assert.deepEqual(table.strategies.map((s) => s.strategy), ["last", "fusion", "best"]);
  assert.equal(table.strategies[1].testAccuracyPercent, 91.31);
  assert.equal(table.strategies[1].gapPoints, -2.1);
  assert.equal(table.strategies[2].frozenParameters, 655_370);
  assert.equal(table.blocks.length, 4);
  assert.equal(table.blocks.filter((b) => b.selectedByBest).length, 1);
  assert.equal(table.blocks[epochs[7].bestBlock].selectedByBest, true);
  const b0 = epochs[7].blocks[0];
  assert.equal(
    table.blocks[0].gapPoints,
    Math.round((Math.round(b0.testAccuracy * 1e8) / 1e6 - 93.41) * 1e6) / 1e6,
  );
});

Deno.test("resultsTable() has no gaps without a paper and null for a missing validation split", () => {
  const epochs = fakeEpochs(2, 2, false);
  const table = resultsTable({ finalEpoch: epochs[1] });
  assert.equal(table.paper, null);
  assert.equal(table.blocks[0].gapPoints, null);
  assert.equal(table.blocks[0].validationAccuracyPercent, null);
  assert.deepEqual(table.strategies, []);
  const json = JSON.parse(resultsTableJson(table));
  assert.equal(json.blocks[1].validationAccuracyPercent, null);
});

Deno.test("resultsTableMarkdown() prints both tables, paper columns only with a paper", () => {
  const epochs = fakeEpochs(3, 2);
  const withPaper = resultsTableMarkdown(
    resultsTable({
      strategies: fakeStrategies(),
      finalEpoch: epochs[2],
      paper: { top1: 93.41, source: "ASGE v2" },
    }),
  );
  const lines = withPaper.split("\n");
  assert.match(lines[0], /^Results after epoch 3; paper: 93\.41% top-1 \(ASGE v2\)/);
  assert.ok(
    lines.includes(
      "| Strategy | Test acc. (%) | Val. acc. (%) | Paper (%) | Gap (points) | Blocks | " +
        "Trainable params | Frozen params | FLOPs / image | Peak memory |",
    ),
  );
  assert.ok(
    lines.includes(
      "| Fusion | 91.31 | 90.00 | 93.41 | -2.10 | 4 | 1,180,000 | 1,331,240 | 336M | 11.40 MiB |",
    ),
  );
  assert.ok(
    lines.some((l) => l.startsWith("| Block | Test acc. (%) | Val. acc. (%) | Mean goodness | Paper (%)")),
  );
  const without = resultsTableMarkdown(resultsTable({ strategies: fakeStrategies() }));
  assert.doesNotMatch(without, /Paper|Gap|Block \|/);
  assert.equal(without.split("\n").filter((l) => l.startsWith("|")).length, 5);
});

Deno.test("resultsTableCells() marks the block Best selects and formats positive gaps with a sign", () => {
  const epochs = fakeEpochs(2, 3);
  const cells = resultsTableCells(resultsTable({ finalEpoch: epochs[1], paper: { top1: 10 } }));
  assert.equal(cells.blocks.rows.filter((r) => r[0].endsWith("(Best)")).length, 1);
  assert.ok(cells.blocks.rows.every((r) => r[5].startsWith("+")));
});
