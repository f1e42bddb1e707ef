import assert from "node:assert/strict";
import { confusionCounts, mostConfusedClasses } from "../../lib/prediction/confusion_counts.ts";

Deno.test("confusionCounts() counts true class by row and prediction by column", () => {
  const counts = confusionCounts(new Uint16Array([0, 0, 1, 2, 2, 2]), new Int32Array([0, 2, 1, 2, 0, 2]), 3);
  assert.deepEqual(counts, [[1, 0, 1], [0, 1, 0], [1, 0, 2]]);
});

Deno.test("confusionCounts() rejects mismatched lengths and out-of-range classes", () => {
  assert.throws(() => confusionCounts([0, 1], [0], 2), /2 labels but 1 predictions/);
  assert.throws(() => confusionCounts([0, 2], [0, 1], 2), /image 1 has label 2/);
});

Deno.test("mostConfusedClasses() ranks classes by errors as true or predicted class", () => {
  const counts = [[9, 0, 0, 0], [0, 5, 4, 0], [0, 1, 6, 0], [2, 0, 0, 7]];
  assert.deepEqual(mostConfusedClasses(counts, 4), [1, 2, 0, 3]);
  assert.deepEqual(mostConfusedClasses(counts, 2), [1, 2]);
});
