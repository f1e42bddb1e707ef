/**
 * Picks the charts a run's data supports, with captions: the list the HTML report draws, also
 * handy in a notebook (`for (const c of reportCharts(input)) display(c.figure)`).
 * @module
 */

import type { EpochMetrics } from "../training/epoch_metrics.ts";
import type { StrategySummary } from "../prediction/strategy_summary.ts";
import {
  blockAccuracyChart,
  blockGoodnessChart,
  blockLossChart,
  strategyAccuracyChart,
} from "./epoch_charts.ts";
import { strategyTradeoffPanel } from "./strategy_tradeoff_chart.ts";
import { confusionMatrixChart, type ConfusionMatrixInput } from "./confusion_matrix_chart.ts";
import { classGoodnessChart, type ClassGoodnessInput } from "./class_goodness_chart.ts";
import { patchGoodnessChart, type PatchGoodnessInput } from "./patch_goodness_chart.ts";
import { sampleImagesChart, type SampleImagesInput } from "./sample_images_chart.ts";
import type { PaperReference } from "./results_table.ts";
import type { PlotlyFigure } from "./plotly_figure.ts";

/** A chart with the words around it. */
export interface ReportChart {
  /** One or two sentences saying what to read in it (plain text); the report prints it after the title. */
  readonly caption?: string;
  /** The figure. */
  readonly figure: PlotlyFigure;
}

/** The data a run can chart; every field is optional and a chart is made only when its data is there. */
export interface ReportChartData {
  /** One record per epoch, in order (`metrics.jsonl`). */
  readonly epochs?: readonly EpochMetrics[];
  /** One summary per strategy. */
  readonly strategies?: readonly StrategySummary[];
  /** The paper's number, drawn as a reference line on accuracy charts. */
  readonly paper?: PaperReference;
  /** Confusion matrix of a strategy on the test split. */
  readonly confusion?: ConfusionMatrixInput;
  /** Mean logits per block per class. */
  readonly classGoodness?: ClassGoodnessInput;
  /** Patch goodness maps of a few images. */
  readonly patchGoodness?: PatchGoodnessInput;
  /** Sample images with labels (and predictions). */
  readonly samples?: SampleImagesInput;
  /** More charts to append, drawn as given. */
  readonly extraCharts?: readonly ReportChart[];
}

/**
 * Lists the charts the data supports, in reading order: strategies, blocks, goodness, errors, samples.
 *
 * @param data The run's data.
 * @returns Charts with captions; empty when there is nothing to draw.
 * @example No data, no charts
 * ```ts
 * import { reportCharts } from "./report_charts.ts";
 * if (reportCharts({}).length !== 0) throw new Error("expected no charts");
 * ```
 */
export function reportCharts(data: ReportChartData): ReportChart[] {
  const charts: ReportChart[] = [];
  const epochs = data.epochs ?? [];
  const paperPercent = data.paper?.top1;
  if (epochs.length > 0) {
    charts.push({
      caption:
        "Test (solid) and validation (dashed) accuracy of Last, Fusion and Best; dotted line: the paper.",
      figure: strategyAccuracyChart(epochs, { paperPercent }),
    });
  }
  if (data.strategies && data.strategies.length > 0) {
    charts.push({
      caption: "One point per strategy: test accuracy against parameters, FLOPs per image and peak memory.",
      figure: strategyTradeoffPanel(data.strategies),
    });
  }
  if (epochs.length > 0) {
    charts.push(
      {
        caption: "Each block's own logits: train (dotted), validation (dashed), test (solid).",
        figure: blockAccuracyChart(epochs, { paperPercent }),
      },
      {
        caption: "Mean training loss L_l of each block; no gradient crosses a block boundary.",
        figure: blockLossChart(epochs),
      },
      {
        caption: "Mean entry of each block's goodness vector g_l over the test images.",
        figure: blockGoodnessChart(epochs),
      },
    );
  }
  if (data.classGoodness && data.classGoodness.blocks.length > 0) {
    charts.push({
      caption:
        "Per block and class: mean logit of the true class beside the mean logit of the other classes.",
      figure: classGoodnessChart(data.classGoodness),
    });
  }
  if (data.patchGoodness && data.patchGoodness.images.length > 0) {
    charts.push({
      caption: "Energy of each patch of the P x P grid, per block, for a few test images.",
      figure: patchGoodnessChart(data.patchGoodness),
    });
  }
  if (data.confusion) {
    charts.push({
      caption: "Rows: true class; columns: predicted class; color: share of the row; numbers: image counts.",
      figure: confusionMatrixChart(data.confusion),
    });
  }
  if (data.samples && data.samples.images.length > 0) {
    charts.push({ figure: sampleImagesChart(data.samples) });
  }
  charts.push(...(data.extraCharts ?? []));
  return charts;
}
