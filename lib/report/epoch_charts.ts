/**
 * Training curves from the per-epoch records of a run (`metrics.jsonl`, one `EpochMetrics` per line): per-block
 * accuracy, local loss and mean goodness, and the accuracy of each prediction strategy.
 * @module
 */

import type { EpochMetrics } from "../training/epoch_metrics.ts";
import type { StrategyName } from "../prediction/strategy_summary.ts";
import { axisStyle, baseLayout, blockColor, STRATEGY_COLORS, STRATEGY_LABELS } from "./chart_style.ts";
import { finiteOrNull, percentOrNull, type PlotlyFigure, type PlotlyTrace } from "./plotly_figure.ts";

/** Options shared by the epoch charts. */
export interface EpochChartOptions {
  /** Chart title (each chart has a default). */
  readonly title?: string;
  /** The paper's test accuracy in percent (e.g. 93.41), drawn as a dashed reference line on accuracy charts. */
  readonly paperPercent?: number;
}

function checkEpochs(who: string, epochs: readonly EpochMetrics[]): number {
  if (epochs.length === 0) {
    throw new RangeError(
      `${who}: epochs is empty; pass at least one EpochMetrics (metrics.jsonl has one a line)`,
    );
  }
  return Math.max(...epochs.map((e) => e.blocks.length));
}

function epochAxis(epochs: readonly EpochMetrics[]): Record<string, unknown> {
  return { ...axisStyle("Epoch"), ...(epochs.length <= 20 ? { dtick: 1 } : {}), tickformat: "d" };
}

function paperLine(percent: number | undefined): Record<string, unknown> {
  if (percent === undefined || !Number.isFinite(percent)) return {};
  return {
    shapes: [{
      type: "line",
      xref: "paper",
      x0: 0,
      x1: 1,
      y0: percent,
      y1: percent,
      line: { color: "#555", width: 1, dash: "dot" },
    }],
    annotations: [{
      text: `paper ${percent.toFixed(2)}%`,
      xref: "paper",
      x: 1,
      xanchor: "right",
      y: percent,
      yanchor: "bottom",
      showarrow: false,
      font: { size: 11, color: "#555" },
    }],
  };
}

/** One block's line for one per-block field, or `null` when the field is not finite in any epoch. */
function blockLine(
  epochs: readonly EpochMetrics[],
  block: number,
  value: (metrics: EpochMetrics["blocks"][number]) => number | null,
  name: string,
  dash: string,
  hover: string,
): PlotlyTrace | null {
  const y = epochs.map((e) => (block < e.blocks.length ? value(e.blocks[block]) : null));
  if (y.every((v) => v === null)) return null;
  return {
    type: "scatter",
    mode: epochs.length === 1 ? "markers" : "lines+markers",
    name,
    legendgroup: `block${block + 1}`,
    x: epochs.map((e) => e.epoch),
    y,
    line: { color: blockColor(block), width: 2, dash },
    marker: { color: blockColor(block), size: 5 },
    hovertemplate: `${name}<br>epoch %{x}<br>${hover}<extra></extra>`,
  };
}

/** One line per block for one per-block field, leaving out blocks with no finite value. */
function blockLines(
  epochs: readonly EpochMetrics[],
  blockCount: number,
  value: (metrics: EpochMetrics["blocks"][number]) => number | null,
  hover: string,
): PlotlyTrace[] {
  return Array.from(
    { length: blockCount },
    (_, b) => blockLine(epochs, b, value, `Block ${b + 1}`, "solid", hover),
  )
    .filter((t): t is PlotlyTrace => t !== null);
}

/**
 * Per-block accuracy per epoch: for every block, train (dotted), validation (dashed) and test (solid) lines
 * in the block's color. A series that is NaN in every epoch (no validation split) is left out.
 *
 * @param epochs The run's records, in epoch order.
 * @param options Title; `paperPercent` adds the paper's number as a reference line.
 * @returns Up to 3 traces per block, named `"Block l train"`, `"Block l validation"`, `"Block l test"`.
 * @example Two blocks, one epoch
 * ```ts
 * import { blockAccuracyChart } from "./epoch_charts.ts";
 * const block = { trainLoss: 1, trainAccuracy: 0.8, validationAccuracy: NaN, testAccuracy: 0.7, meanGoodness: 3 };
 * const strategies = { last: 0.7, fusion: 0.75, best: 0.7 };
 * const fig = blockAccuracyChart([{
 *   epoch: 1, blocks: [block, block], testAccuracy: strategies, validationAccuracy: strategies, bestBlock: 0,
 *   learningRate: 1e-3, imagesPerSecond: 100, trainSeconds: 10, evalSeconds: 1,
 * }]);
 * if (fig.data.length !== 4) throw new Error(`${fig.data.length} traces`);
 * ```
 */
export function blockAccuracyChart(
  epochs: readonly EpochMetrics[],
  options: EpochChartOptions = {},
): PlotlyFigure {
  const blockCount = checkEpochs("blockAccuracyChart()", epochs);
  const splits = [
    { key: "trainAccuracy", label: "train", dash: "dot" },
    { key: "validationAccuracy", label: "validation", dash: "dash" },
    { key: "testAccuracy", label: "test", dash: "solid" },
  ] as const;
  const data: PlotlyTrace[] = [];
  for (let b = 0; b < blockCount; b++) {
    for (const split of splits) {
      const name = `Block ${b + 1} ${split.label}`;
      const trace = blockLine(epochs, b, (m) => percentOrNull(m[split.key]), name, split.dash, "%{y:.2f}%");
      if (trace) data.push(trace);
    }
  }
  const layout = baseLayout({ title: options.title ?? "Per-block accuracy", yTitle: "Accuracy (%)" });
  layout.xaxis = epochAxis(epochs);
  return { data, layout: { ...layout, ...paperLine(options.paperPercent) } };
}

/**
 * Per-block local loss L_l (softmax cross-entropy of the block's logits, in nats) per epoch, one line per block.
 *
 * @param epochs The run's records, in epoch order.
 * @param options Title.
 * @returns One trace per block, named `"Block l"`.
 */
export function blockLossChart(
  epochs: readonly EpochMetrics[],
  options: EpochChartOptions = {},
): PlotlyFigure {
  const blockCount = checkEpochs("blockLossChart()", epochs);
  const data = blockLines(epochs, blockCount, (m) => finiteOrNull(m.trainLoss), "loss %{y:.4f}");
  const layout = baseLayout({
    title: options.title ?? "Local loss per block (training)",
    yTitle: "Local loss L<sub>l</sub> (cross-entropy, nats)",
  });
  layout.xaxis = epochAxis(epochs);
  return { data, layout };
}

/**
 * Mean goodness per block per epoch (mean entry of g_l over the test images), one line per block. The y axis is
 * logarithmic when every value is positive, since blocks differ by orders of magnitude.
 *
 * @param epochs The run's records, in epoch order.
 * @param options Title.
 * @returns One trace per block, named `"Block l"`.
 */
export function blockGoodnessChart(
  epochs: readonly EpochMetrics[],
  options: EpochChartOptions = {},
): PlotlyFigure {
  const blockCount = checkEpochs("blockGoodnessChart()", epochs);
  const data = blockLines(epochs, blockCount, (m) => finiteOrNull(m.meanGoodness), "goodness %{y:.4g}");
  const values = data.flatMap((t) => t.y as (number | null)[]).filter((v): v is number => v !== null);
  const layout = baseLayout({
    title: options.title ?? "Mean goodness per block (test images)",
    yTitle: "Mean goodness g<sub>l</sub> (patch energy, a.u.)",
  });
  layout.xaxis = epochAxis(epochs);
  if (values.length > 0 && values.every((v) => v > 0)) {
    // One tick per decade when the blocks span several, else Plotly's own (a single decade needs more).
    const decades = Math.log10(Math.max(...values) / Math.min(...values));
    layout.yaxis = {
      ...(layout.yaxis as object),
      type: "log",
      exponentformat: "power",
      ...(decades >= 2 ? { dtick: 1 } : {}),
    };
  }
  return { data, layout };
}

/**
 * Accuracy of the prediction strategies (Last, Fusion, Best) per epoch: test solid, validation dashed (left
 * out when there is no validation split).
 *
 * @param epochs The run's records, in epoch order.
 * @param options Title; `paperPercent` adds the paper's number as a reference line.
 * @returns Up to 6 traces, named `"Last test"`, `"Last validation"`, ..., `"Best validation"`.
 * @example Without a validation split, test lines only
 * ```ts
 * import { strategyAccuracyChart } from "./epoch_charts.ts";
 * const none = { last: NaN, fusion: NaN, best: NaN };
 * const block = { trainLoss: 1, trainAccuracy: 0.8, validationAccuracy: NaN, testAccuracy: 0.7, meanGoodness: 3 };
 * const fig = strategyAccuracyChart([1, 2].map((epoch) => ({
 *   epoch, blocks: [block], testAccuracy: { last: 0.7, fusion: 0.72, best: 0.7 }, validationAccuracy: none,
 *   bestBlock: 0, learningRate: 1e-3, imagesPerSecond: 100, trainSeconds: 10, evalSeconds: 1,
 * })));
 * if (fig.data.map((t) => t.name).join() !== "Last test,Fusion test,Best test") throw new Error("traces");
 * ```
 */
export function strategyAccuracyChart(
  epochs: readonly EpochMetrics[],
  options: EpochChartOptions = {},
): PlotlyFigure {
  checkEpochs("strategyAccuracyChart()", epochs);
  const data: PlotlyTrace[] = [];
  for (const strategy of ["last", "fusion", "best"] as StrategyName[]) {
    for (const split of ["testAccuracy", "validationAccuracy"] as const) {
      const y = epochs.map((e) => percentOrNull(e[split][strategy]));
      if (y.every((v) => v === null)) continue;
      const name = `${STRATEGY_LABELS[strategy]} ${split === "testAccuracy" ? "test" : "validation"}`;
      data.push({
        type: "scatter",
        mode: epochs.length === 1 ? "markers" : "lines+markers",
        name,
        legendgroup: strategy,
        x: epochs.map((e) => e.epoch),
        y,
        customdata: epochs.map((e) => e.bestBlock + 1),
        line: {
          color: STRATEGY_COLORS[strategy],
          width: 2,
          dash: split === "testAccuracy" ? "solid" : "dash",
        },
        marker: { color: STRATEGY_COLORS[strategy], size: 6 },
        hovertemplate: strategy === "best"
          ? `${name} (block %{customdata})<br>epoch %{x}<br>%{y:.2f}%<extra></extra>`
          : `${name}<br>epoch %{x}<br>%{y:.2f}%<extra></extra>`,
      });
    }
  }
  const layout = baseLayout({
    title: options.title ?? "Accuracy per prediction strategy",
    yTitle: "Accuracy (%)",
  });
  layout.xaxis = epochAxis(epochs);
  return { data, layout: { ...layout, ...paperLine(options.paperPercent) } };
}
