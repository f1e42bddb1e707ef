/**
 * Confusion counts of a prediction, and the classes it confuses most (to show a readable part of a large
 * matrix, e.g. 20 of ImageNet's 1000 classes).
 * @module
 */

/**
 * Counts `counts[trueClass][predictedClass]` over a set of predictions.
 *
 * @param labels True class of every image.
 * @param predictions Predicted class of every image (same length).
 * @param numClasses N.
 * @returns An N x N matrix of counts.
 * @example One image of class 1 taken for class 0
 * ```ts
 * import assert from "node:assert/strict";
 * import { confusionCounts } from "./confusion_counts.ts";
 * assert.deepEqual(confusionCounts([0, 1, 1], [0, 0, 1], 2), [[1, 0], [1, 1]]);
 * ```
 */
export function confusionCounts(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  numClasses: number,
): number[][] {
  if (labels.length !== predictions.length) {
    throw new RangeError(
      `confusionCounts(): ${labels.length} labels but ${predictions.length} predictions; pass one each per image`,
    );
  }
  const counts = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const [y, p] = [labels[i], predictions[i]];
    if (!(y >= 0 && y < numClasses && p >= 0 && p < numClasses)) {
      throw new RangeError(
        `confusionCounts(): image ${i} has label ${y} and prediction ${p}; both must be in [0, ${numClasses})`,
      );
    }
    counts[y][p]++;
  }
  return counts;
}

/**
 * The `k` classes involved in the most errors (as true or as predicted class), most first; ties by index.
 *
 * @param counts N x N confusion counts.
 * @param k How many classes.
 * @returns Up to `k` class indices.
 * @example Class 2 is confused most
 * ```ts
 * import assert from "node:assert/strict";
 * import { mostConfusedClasses } from "./confusion_counts.ts";
 * // errors per class, as true or predicted class: 0 -> 1 + 3, 1 -> 1, 2 -> 1 + 1 + 3
 * assert.deepEqual(mostConfusedClasses([[5, 0, 1], [0, 5, 1], [3, 0, 2]], 2), [2, 0]);
 * ```
 */
export function mostConfusedClasses(counts: readonly (readonly number[])[], k: number): number[] {
  const errors = counts.map(() => 0);
  counts.forEach((row, y) =>
    row.forEach((n, p) => {
      if (y === p) return;
      errors[y] += n;
      errors[p] += n;
    })
  );
  return errors.map((e, c) => [e, c]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).map(([, c]) =>
    c
  );
}
