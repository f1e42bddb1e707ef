import assert from "node:assert/strict";
import { confusionMatrixChart } from "../../lib/report/confusion_matrix_chart.ts";
import { CLASS_NAMES, fakeConfusion } from "./_fixtures.ts";

Deno.test("confusionMatrixChart() colors by row share and labels cells with counts", () => {
  const fig = confusionMatrixChart({ counts: [[8, 2], [0, 0]], classNames: ["cat", "dog"] });
  assert.equal(fig.data.length, 1);
  const trace = fig.data[0];
  assert.equal(trace.type, "heatmap");
  assert.deepEqual(trace.z, [[80, 20], [0, 0]]);
  assert.deepEqual(trace.text, [["8", "2"], ["0", "0"]]);
  assert.equal(trace.zmax, 100);
  assert.match(JSON.stringify(fig.layout.title), /accuracy 80\.00%, 10 images/);
});

Deno.test("confusionMatrixChart() can color by raw counts and escapes class names", () => {
  const fig = confusionMatrixChart({
    counts: [[3, 1], [2, 4]],
    classNames: ["<b>a</b>", "b&c"],
    color: "count",
  });
  assert.deepEqual(fig.data[0].z, [[3, 1], [2, 4]]);
  assert.deepEqual(fig.data[0].x, ["&lt;b&gt;a&lt;/b&gt;", "b&amp;c"]);
  assert.equal(fig.data[0].zmax, undefined);
});

Deno.test("confusionMatrixChart() draws a 10-class matrix with the true class down", () => {
  const fig = confusionMatrixChart({ counts: fakeConfusion(), classNames: CLASS_NAMES });
  assert.equal((fig.data[0].z as number[][]).length, 10);
  assert.equal((fig.layout.yaxis as { autorange: string }).autorange, "reversed");
  assert.match(JSON.stringify(fig.layout.yaxis), /True class/);
});

Deno.test("confusionMatrixChart() rejects a matrix that does not match the class names", () => {
  assert.throws(
    () => confusionMatrixChart({ counts: [[1, 2, 3], [4, 5, 6]], classNames: ["a", "b"] }),
    /counts is 2x3 but there are 2 class names/,
  );
});
