/**
 * Top-5 test accuracy in one sentence, for datasets with many classes (where top-1 hides how close a block
 * comes).
 * @module
 */
import type { Evaluation } from "../prediction/evaluate_network.ts";
import { formatFixed, formatPercent } from "../util/text_format.ts";
import type { PaperReference } from "./results_table.ts";

/**
 * Top-5 test accuracy of Fusion and of every block, with the paper's top-5 when it has one.
 *
 * @param test The evaluation of the test split.
 * @param numClasses N.
 * @param paper The paper's numbers, or `undefined` (e.g. on a synthetic stand-in).
 * @returns Markdown, one sentence; `undefined` with 10 classes or fewer, where top-5 says little.
 * @example 1000 classes, two blocks
 * ```ts
 * import assert from "node:assert/strict";
 * import { top5Line } from "./top5_line.ts";
 * const test = { fusionTop5Accuracy: 0.5, blockTop5Accuracy: [0.25, 0.4] };
 * assert.equal(
 *   top5Line(test, 1000, { top1: 51.58, top5: 75.23 }),
 *   "Top-5 test accuracy: Fusion 50.00%, block 1 25.00%, block 2 40.00% (paper: 75.23%).",
 * );
 * assert.equal(top5Line(test, 10, undefined), undefined);
 * ```
 */
export function top5Line(
  test: Pick<Evaluation, "fusionTop5Accuracy" | "blockTop5Accuracy">,
  numClasses: number,
  paper: PaperReference | undefined,
): string | undefined {
  if (numClasses <= 10) return undefined;
  const blocks = test.blockTop5Accuracy.map((a, l) => `block ${l + 1} ${formatPercent(a)}`);
  return `Top-5 test accuracy: Fusion ${formatPercent(test.fusionTop5Accuracy)}, ${blocks.join(", ")}` +
    (paper?.top5 !== undefined ? ` (paper: ${formatFixed(paper.top5)}%).` : ".");
}
