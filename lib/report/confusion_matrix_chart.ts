/**
 * Confusion matrix heat map: true class down, predicted class across, colored by the share of each true class
 * (row-normalised, so the diagonal is per-class recall) and labelled with the counts.
 * @module
 */

import { axisStyle, baseLayout, SHARE_COLORSCALE } from "./chart_style.ts";
import { type PlotlyFigure, plotlyText } from "./plotly_figure.ts";

/** Input of {@link confusionMatrixChart}. */
export interface ConfusionMatrixInput {
  /** `counts[trueClass][predictedClass]`, N x N non-negative counts. */
  readonly counts: readonly (readonly number[])[];
  /** N class names, in class-index order. */
  readonly classNames: readonly string[];
  /** Chart title (default "Confusion matrix"). */
  readonly title?: string;
  /** Color by row share in percent (`"row"`, default) or by raw count (`"count"`). */
  readonly color?: "row" | "count";
  /** Write each cell's count on it; default when N <= 20. */
  readonly showCounts?: boolean;
}

/**
 * Draws a confusion matrix as a heat map. For many classes (ImageNet's 1000) pass a subset, e.g. the most
 * confused classes: the figure carries N^2 numbers.
 *
 * @param input Counts, class names and display choices.
 * @returns One heatmap trace; `z` is N x N (percent of the row, or counts), `text` the counts.
 * @example Two classes
 * ```ts
 * import { confusionMatrixChart } from "./confusion_matrix_chart.ts";
 * const fig = confusionMatrixChart({ counts: [[8, 2], [1, 9]], classNames: ["cat", "dog"] });
 * const z = fig.data[0].z as number[][];
 * if (z[0][0] !== 80) throw new Error(String(z[0][0]));
 * ```
 */
export function confusionMatrixChart(input: ConfusionMatrixInput): PlotlyFigure {
  const { counts, classNames } = input;
  const n = classNames.length;
  if (n === 0 || counts.length !== n || counts.some((row) => row.length !== n)) {
    const shape = `${counts.length}x${counts[0]?.length ?? 0}`;
    throw new RangeError(
      `confusionMatrixChart(): counts is ${shape} but there are ${n} class names; pass an N x N matrix ` +
        `counts[trueClass][predictedClass] with N = classNames.length`,
    );
  }
  const byRow = (input.color ?? "row") === "row";
  const z = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (byRow ? (total > 0 ? Math.round((c / total) * 1e6) / 1e4 : 0) : c));
  });
  const showCounts = input.showCounts ?? n <= 20;
  const total = counts.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
  const correct = counts.reduce((a, row, i) => a + row[i], 0);
  const accuracy = total > 0 ? ` (accuracy ${((100 * correct) / total).toFixed(2)}%, ${total} images)` : "";
  const names = classNames.map(plotlyText);
  const size = Math.max(420, Math.min(900, 160 + 34 * n));
  const layout = baseLayout({ title: `${input.title ?? "Confusion matrix"}${accuracy}`, height: size });
  return {
    data: [{
      type: "heatmap",
      x: names,
      y: names,
      z,
      text: counts.map((row) => row.map(String)),
      ...(showCounts ? { texttemplate: "%{text}", textfont: { size: n <= 10 ? 12 : 9 } } : {}),
      colorscale: SHARE_COLORSCALE,
      zmin: 0,
      ...(byRow ? { zmax: 100 } : {}),
      colorbar: { title: { text: byRow ? "% of true class" : "Images" }, ticksuffix: byRow ? "%" : "" },
      xgap: 1,
      ygap: 1,
      hovertemplate: `true %{y}<br>predicted %{x}<br>%{text} images` +
        `${byRow ? " (%{z:.1f}% of row)" : ""}<extra></extra>`,
    }],
    layout: {
      ...layout,
      // Square cells with the color bar close by: a fixed width matching the height.
      width: size + 140,
      xaxis: {
        ...axisStyle("Predicted class"),
        showgrid: false,
        tickangle: n > 6 ? -45 : 0,
        type: "category",
        constrain: "domain",
      },
      // Square cells, whatever the width of the page.
      yaxis: {
        ...axisStyle("True class"),
        showgrid: false,
        autorange: "reversed",
        type: "category",
        scaleanchor: "x",
        constrain: "domain",
      },
    },
  };
}
