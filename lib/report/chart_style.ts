/**
 * The look shared by every chart of `lib/report`: one color per block (the same block has the same color in
 * every chart), one color per strategy, and a plain white layout with framed axes, as in a paper draft.
 * @module
 */

import type { StrategyName } from "../prediction/strategy_summary.ts";

/** Colors of blocks 1..10 (Tableau 10, distinguishable in print and by most color-blind readers). */
export const BLOCK_COLORS: readonly string[] = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

/** Colors of the prediction strategies (Okabe-Ito blue, vermillion, green). */
export const STRATEGY_COLORS: Readonly<Record<StrategyName, string>> = {
  last: "#0072b2",
  fusion: "#d55e00",
  best: "#009e73",
};

/** Display names of the strategies, as ASGE.md writes them. */
export const STRATEGY_LABELS: Readonly<Record<StrategyName, string>> = {
  last: "Last",
  fusion: "Fusion",
  best: "Best",
};

/** Sequential color scale for energies (dark = none, bright = most; perceptually ordered, like "inferno"). */
export const ENERGY_COLORSCALE: readonly (readonly [number, string])[] = [
  [0, "#000004"],
  [0.15, "#280b54"],
  [0.3, "#65156e"],
  [0.45, "#9f2a63"],
  [0.6, "#d44842"],
  [0.75, "#f57d15"],
  [0.9, "#fac127"],
  [1, "#fcffa4"],
];

/** Sequential white-to-blue color scale for shares and counts (confusion matrices). */
export const SHARE_COLORSCALE: readonly (readonly [number, string])[] = [
  [0, "#f7fbff"],
  [0.1, "#deebf7"],
  [0.25, "#c6dbef"],
  [0.4, "#9ecae1"],
  [0.55, "#6baed6"],
  [0.7, "#4292c6"],
  [0.85, "#2171b5"],
  [1, "#084594"],
];

/** Neutral grey for "everything else" (e.g. the other classes' logits). */
export const NEUTRAL_COLOR = "#9e9e9e";

/**
 * The color of a block, the same in every chart.
 *
 * @param index 0-based block index.
 * @returns A CSS color: from {@link BLOCK_COLORS} for the first ten blocks, a golden-angle hue after that.
 * @example
 * ```ts
 * import { blockColor } from "./chart_style.ts";
 * if (blockColor(0) !== "#4e79a7") throw new Error(blockColor(0));
 * ```
 */
export function blockColor(index: number): string {
  if (index < BLOCK_COLORS.length) return BLOCK_COLORS[index];
  return `hsl(${Math.round((index * 137.508) % 360)}, 55%, 45%)`;
}

/** Options of {@link baseLayout}. */
export interface BaseLayoutOptions {
  /** Chart title. */
  readonly title: string;
  /** X axis title, with its unit. */
  readonly xTitle?: string;
  /** Y axis title, with its unit. */
  readonly yTitle?: string;
  /** Height in pixels (default 420). */
  readonly height?: number;
}

/**
 * The axis style of every chart: framed, outside ticks, light grid.
 *
 * @param title Axis title, with its unit; omitted when empty.
 * @returns A Plotly axis object to spread extra settings into.
 * @example
 * ```ts
 * import { axisStyle } from "./chart_style.ts";
 * const axis = axisStyle("Epoch");
 * if ((axis.title as { text: string }).text !== "Epoch") throw new Error("axisStyle");
 * ```
 */
export function axisStyle(title?: string): Record<string, unknown> {
  return {
    ...(title ? { title: { text: title } } : {}),
    showline: true,
    linecolor: "#444",
    linewidth: 1,
    mirror: true,
    ticks: "outside",
    tickcolor: "#444",
    showgrid: true,
    gridcolor: "#e6e6e6",
    zeroline: false,
    automargin: true,
  };
}

/**
 * A white layout with a title, framed axes and a legend at the right: the base every chart extends.
 *
 * @param options Title, axis titles and height.
 * @returns A Plotly layout.
 * @example
 * ```ts
 * import { baseLayout } from "./chart_style.ts";
 * const layout = baseLayout({ title: "Local loss", xTitle: "Epoch", yTitle: "Loss (nats)" });
 * if (layout.height !== 420) throw new Error("baseLayout");
 * ```
 */
export function baseLayout(options: BaseLayoutOptions): Record<string, unknown> {
  return {
    title: { text: options.title, x: 0.02, xanchor: "left", font: { size: 16 } },
    font: { family: "Helvetica, Arial, sans-serif", size: 12, color: "#222" },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    height: options.height ?? 420,
    margin: { l: 70, r: 30, t: 60, b: 60 },
    xaxis: axisStyle(options.xTitle),
    yaxis: axisStyle(options.yTitle),
    legend: { bgcolor: "rgba(255,255,255,0.85)", bordercolor: "#ccc", borderwidth: 1 },
    hovermode: "closest",
  };
}
