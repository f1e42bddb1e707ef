import assert from "node:assert/strict";
import {
  classGoodnessChart,
  classLogitHeatmapChart,
  classSeparation,
} from "../../lib/report/class_goodness_chart.ts";
import { blockColor, NEUTRAL_COLOR } from "../../lib/report/chart_style.ts";
import { CLASS_NAMES, fakeMeanLogits } from "./_fixtures.ts";

Deno.test("classSeparation() takes the diagonal and the mean of the rest of each row", () => {
  const s = classSeparation([[4, 1, 2], [0, 3, 1], [2, 2, 5]]);
  assert.deepEqual(s.trueClass, [4, 3, 5]);
  assert.deepEqual(s.otherClasses, [1.5, 0.5, 2]);
  assert.throws(() => classSeparation([[1, 2]]), /N x N matrix/);
});

Deno.test("classGoodnessChart() draws true-class and other-class bars per block panel", () => {
  const fig = classGoodnessChart({ blocks: fakeMeanLogits(4), classNames: CLASS_NAMES });
  assert.equal(fig.data.length, 8);
  assert.deepEqual(fig.data.slice(0, 2).map((t) => t.name), ["Block 1: true class", "Other classes (mean)"]);
  assert.equal((fig.data[4].marker as { color: string }).color, blockColor(2));
  assert.equal((fig.data[5].marker as { color: string }).color, NEUTRAL_COLOR);
  assert.deepEqual(fig.data.map((t) => t.xaxis), ["x", "x", "x2", "x2", "x3", "x3", "x4", "x4"]);
  assert.equal(fig.data.filter((t) => t.legendgroup === "others" && t.showlegend).length, 1);
  // 4 blocks lay out as 2 x 2, titled per block.
  const titles = (fig.layout.annotations as { text: string }[]).map((a) => a.text);
  assert.deepEqual(titles, ["Block 1", "Block 2", "Block 3", "Block 4"]);
  assert.equal(fig.layout.xaxis5, undefined);
});

Deno.test("classGoodnessChart() accepts precomputed separations and checks their length", () => {
  const fig = classGoodnessChart({
    blocks: [{ trueClass: [3, 4], otherClasses: [1, 0] }],
    classNames: ["a", "b"],
  });
  assert.deepEqual(fig.data[0].y, [3, 4]);
  assert.deepEqual(fig.data[1].y, [1, 0]);
  assert.throws(
    () => classGoodnessChart({ blocks: [{ trueClass: [3], otherClasses: [1] }], classNames: ["a", "b"] }),
    /block 1 has 1 classes but classNames has 2/,
  );
});

Deno.test("classLogitHeatmapChart() draws one heat map per block", () => {
  const fig = classLogitHeatmapChart({ blocks: fakeMeanLogits(3, 5), classNames: CLASS_NAMES.slice(0, 5) });
  assert.deepEqual(fig.data.map((t) => t.type), ["heatmap", "heatmap", "heatmap"]);
  assert.deepEqual(fig.data.map((t) => t.name), ["Block 1", "Block 2", "Block 3"]);
  assert.equal((fig.data[2].z as number[][])[1][1], 5);
});
