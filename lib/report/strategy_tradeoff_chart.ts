/**
 * Accuracy against cost for the prediction strategies: one point per strategy, test accuracy against
 * parameters, FLOPs per image or peak memory (ASGE.md, "Prediction strategies").
 * @module
 */

import type { StrategySummary } from "../prediction/strategy_summary.ts";
import { axisStyle, baseLayout, STRATEGY_COLORS, STRATEGY_LABELS } from "./chart_style.ts";
import { subplotGrid } from "./_subplot_grid.ts";
import { percentOrNull, type PlotlyFigure, type PlotlyTrace } from "./plotly_figure.ts";

/** Which cost goes on the x axis. */
export type TradeoffCost = "parameters" | "flops" | "peakMemory";

const COSTS: Readonly<
  Record<TradeoffCost, { title: string; axis: string; value: (s: StrategySummary) => number; hover: string }>
> = {
  parameters: {
    title: "Accuracy vs parameters",
    axis: "Parameters (trainable + frozen)",
    value: (s) => s.trainableParameters + s.frozenParameters,
    hover: "%{x:.3s} parameters",
  },
  flops: {
    title: "Accuracy vs compute",
    axis: "FLOPs per image",
    value: (s) => s.flopsPerImage,
    hover: "%{x:.3s}FLOPs per image",
  },
  peakMemory: {
    title: "Accuracy vs peak memory",
    axis: "Peak memory at batch 1 (MiB)",
    value: (s) => s.peakBytes / 2 ** 20,
    hover: "%{x:.2f} MiB peak",
  },
};

function checkSummaries(who: string, summaries: readonly StrategySummary[]): void {
  if (summaries.length === 0) {
    throw new RangeError(`${who}: summaries is empty; pass one StrategySummary per strategy`);
  }
}

function costAxis(cost: TradeoffCost, summaries: readonly StrategySummary[]): Record<string, unknown> {
  const values = summaries.map(COSTS[cost].value).filter((v) => v > 0);
  const spread = values.length > 0 ? Math.max(...values) / Math.min(...values) : 1;
  // A log axis only pays when the strategies differ by an order of magnitude (Best cut early vs Fusion).
  const scale = spread >= 10 ? { type: "log" } : { rangemode: "tozero" };
  return { ...axisStyle(COSTS[cost].axis), ...scale, exponentformat: "SI" };
}

function points(
  summaries: readonly StrategySummary[],
  cost: TradeoffCost,
  axes: { xaxis: string; yaxis: string },
  showlegend: boolean,
): PlotlyTrace[] {
  return summaries.map((s) => ({
    type: "scatter",
    mode: "markers+text",
    name: STRATEGY_LABELS[s.strategy],
    legendgroup: s.strategy,
    showlegend,
    x: [COSTS[cost].value(s)],
    y: [percentOrNull(s.testAccuracy)],
    text: [STRATEGY_LABELS[s.strategy]],
    textposition: "top center",
    customdata: [[s.blocksUsed, s.trainableParameters, s.frozenParameters]],
    marker: { color: STRATEGY_COLORS[s.strategy], size: 12, line: { color: "#222", width: 1 } },
    cliponaxis: false,
    xaxis: axes.xaxis,
    yaxis: axes.yaxis,
    hovertemplate: `<b>${STRATEGY_LABELS[s.strategy]}</b> (%{customdata[0]} blocks)<br>%{y:.2f}% test<br>` +
      `${COSTS[cost].hover}<br>%{customdata[1]:,} trainable + %{customdata[2]:,} frozen<extra></extra>`,
  }));
}

/**
 * One trade-off chart: test accuracy (%) against one cost, one point per strategy.
 *
 * @param summaries One `StrategySummary` per strategy.
 * @param cost `"parameters"` (trainable + frozen), `"flops"` (per image) or `"peakMemory"` (MiB, batch 1).
 * @param options Optional title.
 * @returns One trace per strategy, named `"Last"`, `"Fusion"`, `"Best"`.
 * @example
 * ```ts
 * import { strategyTradeoffChart } from "./strategy_tradeoff_chart.ts";
 * const fig = strategyTradeoffChart([{
 *   strategy: "last", testAccuracy: 0.9, validationAccuracy: 0.91, blocksUsed: 4,
 *   trainableParameters: 1e6, frozenParameters: 5e4, flopsPerImage: 3e8, peakBytes: 8e6,
 * }], "flops");
 * if (fig.data[0].name !== "Last") throw new Error(String(fig.data[0].name));
 * ```
 */
export function strategyTradeoffChart(
  summaries: readonly StrategySummary[],
  cost: TradeoffCost,
  options: { readonly title?: string } = {},
): PlotlyFigure {
  checkSummaries("strategyTradeoffChart()", summaries);
  if (!(cost in COSTS)) {
    throw new RangeError(
      `strategyTradeoffChart(): cost "${cost}" is unknown; use ${Object.keys(COSTS).join(", ")}`,
    );
  }
  const layout = baseLayout({ title: options.title ?? COSTS[cost].title, yTitle: "Test accuracy (%)" });
  layout.xaxis = costAxis(cost, summaries);
  layout.yaxis = { ...(layout.yaxis as object), automargin: true };
  return { data: points(summaries, cost, { xaxis: "x", yaxis: "y" }, true), layout };
}

/**
 * The three trade-off charts side by side (parameters, FLOPs, peak memory), sharing a legend.
 *
 * @param summaries One `StrategySummary` per strategy.
 * @param options Optional title.
 * @returns `3 * summaries.length` traces; the legend shows each strategy once.
 */
export function strategyTradeoffPanel(
  summaries: readonly StrategySummary[],
  options: { readonly title?: string } = {},
): PlotlyFigure {
  checkSummaries("strategyTradeoffPanel()", summaries);
  const costs: TradeoffCost[] = ["parameters", "flops", "peakMemory"];
  const grid = subplotGrid(1, 3, {
    columnGap: 0.08,
    titles: costs.map((c) => COSTS[c].title),
    axes: (cell) => ({
      x: costAxis(costs[cell.column], summaries),
      y: { ...axisStyle(cell.column === 0 ? "Test accuracy (%)" : undefined) },
    }),
  });
  const data = grid.cells.flatMap((cell, i) => points(summaries, costs[i], cell, i === 0));
  const base = baseLayout({
    title: options.title ?? "Prediction strategies: accuracy against cost",
    height: 400,
  });
  return {
    data,
    layout: {
      ...base,
      ...grid.layout,
      margin: { l: 70, r: 30, t: 80, b: 110 },
      legend: {
        ...(base.legend as object),
        orientation: "h",
        x: 0.5,
        xanchor: "center",
        y: -0.3,
        yanchor: "top",
      },
    },
  };
}
