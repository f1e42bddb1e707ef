/**
 * Where a strategy goes wrong on the test split: its confusion matrix (the most confused classes when there
 * are many) and the first images it misclassifies.
 * @module
 */
import type { LabeledImages } from "../config/labeled_images.ts";
import { limitImages } from "../data/limit_images.ts";
import { selectImages } from "../data/select_images.ts";
import { confusionCounts, mostConfusedClasses } from "../prediction/confusion_counts.ts";
import { confusionMatrixChart } from "./confusion_matrix_chart.ts";
import type { ReportChart } from "./report_charts.ts";
import { sampleImagesChart } from "./sample_images_chart.ts";

/** What {@linkcode errorCharts} draws. */
export interface ErrorChartsInput {
  /**
   * The evaluated images in evaluation order, or a split whose first `predictions.length` images they are
   * (a run with a `limit` evaluates the first images of the test split).
   */
  readonly images: LabeledImages;
  /** The strategy's predicted class of each evaluated image, in order. */
  readonly predictions: ArrayLike<number>;
  /** Class names, N of them. */
  readonly classNames: readonly string[];
  /** Name of the strategy in the titles (default `"Fusion"`). */
  readonly strategy?: string;
  /** Most classes in the matrix (default 20): beyond that, the ones with the most errors. */
  readonly maxClasses?: number;
  /** Most misclassified images shown (default 16). */
  readonly maxImages?: number;
}

/**
 * A strategy's errors as two charts: the confusion matrix, then the first misclassified images titled with
 * the label and the wrong guess. With no error, only the matrix, captioned so.
 *
 * @param input Images, predictions, class names.
 * @returns One or two charts.
 * @example Two grey 1x1 images, the second taken for class 0
 * ```ts
 * import assert from "node:assert/strict";
 * import { errorCharts } from "./error_charts.ts";
 * const images = { images: new Uint8Array([10, 200]), labels: new Uint8Array([0, 1]), count: 2, height: 1,
 *   width: 1, channels: 1, numClasses: 2 };
 * const charts = errorCharts({ images, predictions: [0, 0], classNames: ["dark", "light"] });
 * // a limited run evaluates the first images only
 * assert.equal(errorCharts({ images, predictions: [1], classNames: ["dark", "light"] }).length, 2);
 * assert.equal(charts.length, 2);
 * assert.match(String((charts[1].figure.layout.title as { text: string }).text), /1 of 2 test images/);
 * assert.equal(errorCharts({ images, predictions: [0, 1], classNames: ["dark", "light"] })[0].caption,
 *   "No misclassified test image.");
 * ```
 */
export function errorCharts(input: ErrorChartsInput): ReportChart[] {
  const { predictions, classNames } = input;
  if (predictions.length > input.images.count) {
    throw new RangeError(
      `errorCharts(): ${predictions.length} predictions but ${input.images.count} images; pass the evaluated images`,
    );
  }
  const images = limitImages(input.images, predictions.length);
  const strategy = input.strategy ?? "Fusion";
  const maxClasses = input.maxClasses ?? 20;
  const n = classNames.length;
  const counts = confusionCounts(images.labels, predictions, n);
  const shown = n <= maxClasses ? [...Array(n).keys()] : mostConfusedClasses(counts, maxClasses);
  const wrong = [...Array(images.count).keys()].filter((i) => predictions[i] !== images.labels[i]);
  const matrix = confusionMatrixChart({
    counts: shown.map((r) => shown.map((c) => counts[r][c])),
    classNames: shown.map((c) => classNames[c]),
    title: n <= maxClasses
      ? `Confusion matrix of ${strategy}, test split`
      : `${strategy}, the ${shown.length} most confused classes`,
  });
  if (wrong.length === 0) return [{ caption: "No misclassified test image.", figure: matrix }];
  const picked = wrong.slice(0, input.maxImages ?? 16);
  return [{ figure: matrix }, {
    figure: sampleImagesChart({
      ...selectImages(images, picked),
      classNames,
      predictions: picked.map((i) => predictions[i]),
      title: `Misclassified by ${strategy}: ${wrong.length} of ${images.count} test images ` +
        `(first ${picked.length})`,
    }),
  }];
}
