/**
 * The content of a finished run's HTML report: results against the paper, epoch curves, strategy trade-offs,
 * confusion matrix of Best, goodness per class, patch-goodness maps and sample predictions. Data in, report
 * input out: `renderHtmlReport` turns it into the page, `lib/run` writes `report.html`.
 * @module
 */
import type { LabeledImages, Normalization } from "../config/labeled_images.ts";
import { PAPER_RESULTS } from "../config/paper_results.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import type { Evaluation } from "../prediction/evaluate_network.ts";
import type { EpochMetrics } from "../training/epoch_metrics.ts";
import type { HtmlReportInput } from "./html_report.ts";
import { confusionCounts } from "../prediction/confusion_counts.ts";
import { patchGoodnessImages } from "./patch_goodness_images.ts";
import type { RunSummary } from "./run_summary.ts";

/** What {@linkcode runReport} needs. */
export interface RunReportInput {
  /** Run folder, shown under the title. */
  readonly dir: string;
  /** The run's summary. */
  readonly summary: RunSummary;
  /** Every epoch's metrics. */
  readonly metrics: readonly EpochMetrics[];
  /** Class names. */
  readonly classNames: readonly string[];
  /** Final test evaluation (with `classLogits`). */
  readonly test: Evaluation;
  /** The test images, for samples and patch-goodness maps. */
  readonly testImages: LabeledImages;
  /** Their normalisation. */
  readonly normalization: Normalization;
  /** The trained network. */
  readonly network: AsgeNetwork;
}

/**
 * Builds the input of a finished run's HTML report (`renderHtmlReport` renders it).
 *
 * @param input Summary, metrics, evaluation, images and network.
 * @returns The report's content.
 */
export async function runReport(input: RunReportInput): Promise<HtmlReportInput> {
  const { summary, test, classNames } = input;
  const n = classNames.length;
  const best = test.blockPredictions[summary.bestBlock];
  const counts = confusionCounts(test.labels, best, n);
  const firstOfClass: number[] = [];
  for (let k = 0; k < Math.min(n, 4); k++) {
    const i = test.labels.indexOf(k);
    if (i >= 0) firstOfClass.push(i);
  }
  const shown = Math.min(24, test.count);
  const data = input.testImages;
  const pixels = data.height * data.width * data.channels;
  const paper = PAPER_RESULTS[summary.config.dataset];
  return {
    title: `${summary.config.dataset} / ${summary.config.preset} / seed ${summary.config.seed}`,
    subtitle: `${input.dir} — ${summary.backend}`,
    config: summary.config,
    epochs: input.metrics,
    strategies: summary.strategies,
    paper,
    confusion: n <= 100
      ? { counts, classNames, title: `Confusion matrix of Best (block ${summary.bestBlock + 1}), test split` }
      : undefined,
    classGoodness: test.classLogits && n <= 20
      ? {
        blocks: test.classLogits.map((m) =>
          Array.from({ length: n }, (_, y) => Array.from(m.subarray(y * n, y * n + n)))
        ),
        classNames,
      }
      : undefined,
    patchGoodness: firstOfClass.length
      ? {
        images: await patchGoodnessImages(input.network, data, input.normalization, firstOfClass, {
          classNames,
          predictions: firstOfClass.map((i) => best[i]),
        }),
      }
      : undefined,
    samples: {
      images: data.images.subarray(0, shown * pixels),
      labels: data.labels.subarray(0, shown),
      height: data.height,
      width: data.width,
      channels: data.channels,
      classNames,
      predictions: best.subarray(0, shown),
      title: `Test images and Best's predictions`,
    },
  };
}
