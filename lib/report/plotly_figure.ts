/**
 * The figure type every chart builder returns: plain, JSON-able Plotly `{ data, layout }`, with no functions
 * and no typed arrays, so it can be written to a file, sent to a notebook or inlined in a report as it is.
 * @module
 */

/** One Plotly trace (`{ type: "scatter", x, y, ... }`), as plain JSON. */
export type PlotlyTrace = Record<string, unknown>;

/** A Plotly figure as plain JSON: the traces and the layout that `Plotly.newPlot(div, data, layout)` takes. */
export interface PlotlyFigure {
  /** The traces, drawn in order. */
  readonly data: PlotlyTrace[];
  /** Titles, axes, legend, size, annotations. */
  readonly layout: Record<string, unknown>;
}

/**
 * Reads the title text of a figure (`layout.title.text`), or `""` when it has none.
 *
 * @param figure A figure from any chart builder of `lib/report`.
 * @returns The title text.
 * @example Read a title
 * ```ts
 * import { figureTitle } from "./plotly_figure.ts";
 * const title = figureTitle({ data: [], layout: { title: { text: "Loss" } } });
 * if (title !== "Loss") throw new Error(title);
 * ```
 */
export function figureTitle(figure: PlotlyFigure): string {
  const title = figure.layout.title;
  if (typeof title === "string") return title;
  if (title !== null && typeof title === "object" && "text" in title) return String(title.text ?? "");
  return "";
}

/**
 * Replaces non-finite numbers (NaN, +-Infinity) by `null`, which Plotly draws as a gap. JSON has no NaN, so a
 * figure must not carry one.
 *
 * @param value A number, possibly NaN (e.g. a validation accuracy when there is no validation split).
 * @returns The number, or `null` when it is not finite.
 * @example A missing validation accuracy becomes a gap
 * ```ts
 * import { finiteOrNull } from "./plotly_figure.ts";
 * if (finiteOrNull(Number.NaN) !== null || finiteOrNull(0.5) !== 0.5) throw new Error("finiteOrNull");
 * ```
 */
export function finiteOrNull(value: number | undefined | null): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Turns a fraction in [0, 1] into percent for a chart axis; non-finite values become `null` (a gap).
 *
 * @param fraction Accuracy as a fraction, as `EpochMetrics` and `StrategySummary` store it.
 * @returns The value in percent, or `null`.
 * @example
 * ```ts
 * import { percentOrNull } from "./plotly_figure.ts";
 * if (percentOrNull(0.9062) !== 90.62) throw new Error("percentOrNull");
 * ```
 */
export function percentOrNull(fraction: number | undefined | null): number | null {
  const value = finiteOrNull(fraction);
  return value === null ? null : Math.round(value * 1e8) / 1e6;
}

/**
 * Escapes `&`, `<` and `>` in text that Plotly draws (titles, tick labels, hover), since Plotly reads a subset
 * of HTML tags in it; class names such as `"a<b>"` then show as written.
 *
 * @param text Plain text, e.g. a class name.
 * @returns The text with Plotly's markup characters escaped.
 * @example
 * ```ts
 * import { plotlyText } from "./plotly_figure.ts";
 * if (plotlyText("<b>cat</b> & dog") !== "&lt;b&gt;cat&lt;/b&gt; &amp; dog") throw new Error("plotlyText");
 * ```
 */
export function plotlyText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
