/**
 * A grouped bar chart of means with standard-deviation error bars: one group per category (an ablation
 * study's cells), one bar per series (strategies and blocks).
 * @module
 */
import { finiteOrNull, type PlotlyFigure, plotlyText } from "./plotly_figure.ts";

/** One series of bars: a mean and a standard deviation per category. */
export interface ErrorBarSeries {
  /** Legend name (plain text). */
  readonly name: string;
  /** One mean per category; NaN leaves a gap. */
  readonly mean: readonly number[];
  /** One standard deviation per category; NaN draws no error bar. */
  readonly sd: readonly number[];
  /** Bar color (CSS). */
  readonly color?: string;
}

/** What {@linkcode errorBarChart} draws. */
export interface ErrorBarChartInput {
  /** Title (plain text). */
  readonly title: string;
  /** Category labels along x (plain text). */
  readonly categories: readonly string[];
  /** The series. */
  readonly series: readonly ErrorBarSeries[];
  /** Y axis title (plain text). */
  readonly yTitle: string;
}

/**
 * Builds the figure.
 *
 * @param input Title, categories and series.
 * @returns A Plotly figure: one bar trace per series with symmetric error bars.
 * @example Two cells, one series
 * ```ts
 * import { errorBarChart } from "./error_bar_chart.ts";
 * const figure = errorBarChart({ title: "t", categories: ["a", "b"], yTitle: "%",
 *   series: [{ name: "Best", mean: [90, 91], sd: [0.2, NaN] }] });
 * const trace = figure.data[0] as { error_y: { array: (number | null)[] } };
 * if (trace.error_y.array[1] !== null) throw new Error("NaN must become a gap");
 * ```
 */
export function errorBarChart(input: ErrorBarChartInput): PlotlyFigure {
  const x = input.categories.map(plotlyText);
  return {
    data: input.series.map((s) => ({
      type: "bar",
      name: plotlyText(s.name),
      x,
      y: s.mean.map(finiteOrNull),
      error_y: { type: "data", array: s.sd.map(finiteOrNull), visible: true },
      ...(s.color ? { marker: { color: s.color } } : {}),
    })),
    layout: {
      title: { text: plotlyText(input.title) },
      barmode: "group",
      height: 460,
      xaxis: { automargin: true, showline: true, mirror: true, linecolor: "#444" },
      yaxis: {
        title: { text: plotlyText(input.yTitle) },
        showline: true,
        mirror: true,
        linecolor: "#444",
        gridcolor: "#eee",
      },
      legend: { orientation: "h", y: -0.25 },
      margin: { t: 60, l: 60, r: 20, b: 120 },
      plot_bgcolor: "#fff",
      paper_bgcolor: "#fff",
    },
  };
}
