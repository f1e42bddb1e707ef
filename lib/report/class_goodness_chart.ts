/**
 * How each block's class logits a_l = W_l g_l + b_l separate the true class from the rest: per block, the mean
 * logit of the true class next to the mean of the other classes' logits (grouped bars), or the whole
 * `meanLogits[trueClass][logitClass]` matrix (heat maps).
 * @module
 */

import { axisStyle, baseLayout, blockColor, NEUTRAL_COLOR } from "./chart_style.ts";
import { subplotGrid } from "./_subplot_grid.ts";
import { finiteOrNull, type PlotlyFigure, plotlyText, type PlotlyTrace } from "./plotly_figure.ts";

/** Mean logits of one block: `meanLogits[trueClass][logitClass]`, averaged over the images of `trueClass`. */
export type MeanLogits = readonly (readonly number[])[];

/** One block's separation: per class, the true class's mean logit and the mean of the other classes' logits. */
export interface ClassSeparation {
  /** `trueClass[c]`: mean over images of class c of the logit of class c. */
  readonly trueClass: readonly number[];
  /** `otherClasses[c]`: mean over images of class c of the mean logit of the other classes. */
  readonly otherClasses: readonly number[];
}

/** Input of {@link classGoodnessChart}: per block either the mean-logit matrix or its separation. */
export interface ClassGoodnessInput {
  /** Per block, in order. */
  readonly blocks: readonly (MeanLogits | ClassSeparation)[];
  /** N class names. */
  readonly classNames: readonly string[];
  /** Chart title. */
  readonly title?: string;
  /** Y axis title (default "Mean logit a<sub>l</sub>"); say "energy" if you pass goodness energies. */
  readonly valueLabel?: string;
  /** Panels per row (default: balanced rows of at most 3). */
  readonly columns?: number;
}

/**
 * Reduces a mean-logit matrix to the true class's logit and the mean of the others, per class.
 *
 * @param meanLogits N x N, `meanLogits[trueClass][logitClass]`.
 * @returns The diagonal and the mean of each row without its diagonal entry.
 * @example
 * ```ts
 * import { classSeparation } from "./class_goodness_chart.ts";
 * const s = classSeparation([[3, 1, 1], [0, 2, 0], [1, 1, 4]]);
 * if (s.trueClass[2] !== 4 || s.otherClasses[0] !== 1) throw new Error(JSON.stringify(s));
 * ```
 */
export function classSeparation(meanLogits: MeanLogits): ClassSeparation {
  const n = meanLogits.length;
  if (n < 2 || meanLogits.some((row) => row.length !== n)) {
    throw new RangeError(
      `classSeparation(): meanLogits is ${n}x${
        meanLogits[0]?.length ?? 0
      }; pass an N x N matrix with N >= 2 ` +
        `(meanLogits[trueClass][logitClass])`,
    );
  }
  return {
    trueClass: meanLogits.map((row, c) => row[c]),
    otherClasses: meanLogits.map((row, c) => (row.reduce((a, b) => a + b, 0) - row[c]) / (n - 1)),
  };
}

function separationOf(block: MeanLogits | ClassSeparation): ClassSeparation {
  return "trueClass" in block ? block : classSeparation(block as MeanLogits);
}

function panelGrid(count: number, columns: number | undefined): { rows: number; columns: number } {
  // Balanced rows of at most 3 panels (4 blocks: 2 x 2, not 3 + 1).
  const cols = Math.max(1, Math.min(count, columns ?? Math.ceil(count / Math.ceil(count / 3))));
  return { rows: Math.ceil(count / cols), columns: cols };
}

/**
 * Grouped bars, one panel per block: for every class, the mean logit of the true class (block color) beside
 * the mean logit of the other classes (grey). The wider the gap, the better the block separates that class.
 *
 * @param input Per-block matrices or separations, class names, title.
 * @returns `2 * blocks` bar traces: `"Block l: true class"` and `"Other classes (mean)"` per block.
 * @example Two blocks, three classes
 * ```ts
 * import { classGoodnessChart } from "./class_goodness_chart.ts";
 * const block = [[3, 1, 0], [0, 2, 1], [1, 0, 4]];
 * const fig = classGoodnessChart({ blocks: [block, block], classNames: ["a", "b", "c"] });
 * if (fig.data.length !== 4) throw new Error(`${fig.data.length} traces`);
 * ```
 */
export function classGoodnessChart(input: ClassGoodnessInput): PlotlyFigure {
  const count = input.blocks.length;
  if (count === 0) throw new RangeError("classGoodnessChart(): blocks is empty; pass one entry per block");
  const names = input.classNames.map(plotlyText);
  const separations = input.blocks.map(separationOf);
  separations.forEach((s, b) => {
    if (s.trueClass.length !== names.length || s.otherClasses.length !== names.length) {
      throw new RangeError(
        `classGoodnessChart(): block ${b + 1} has ${s.trueClass.length} classes but classNames has ` +
          `${names.length}; pass one value per class`,
      );
    }
  });
  const { rows, columns } = panelGrid(count, input.columns);
  const valueLabel = input.valueLabel ?? "Mean logit a<sub>l</sub>";
  const grid = subplotGrid(rows, columns, {
    cellCount: count,
    rowGap: 0.14,
    titles: separations.map((_, b) => `Block ${b + 1}`),
    axes: (cell) => ({
      x: { type: "category", tickangle: names.length > 6 ? -45 : 0, showgrid: false },
      y: { ...axisStyle(cell.column === 0 ? valueLabel : undefined) },
    }),
  });
  const data: PlotlyTrace[] = [];
  grid.cells.forEach((cell, b) => {
    const s = separations[b];
    const common = { type: "bar", x: names, xaxis: cell.xaxis, yaxis: cell.yaxis };
    data.push({
      ...common,
      name: `Block ${b + 1}: true class`,
      legendgroup: `block${b + 1}`,
      y: s.trueClass.map(finiteOrNull),
      marker: { color: blockColor(b) },
      hovertemplate: `Block ${b + 1}, class %{x}<br>true-class logit %{y:.4g}<extra></extra>`,
    }, {
      ...common,
      name: "Other classes (mean)",
      legendgroup: "others",
      showlegend: b === 0,
      y: s.otherClasses.map(finiteOrNull),
      marker: { color: NEUTRAL_COLOR },
      hovertemplate: `Block ${b + 1}, class %{x}<br>mean of other logits %{y:.4g}<extra></extra>`,
    });
  });
  const base = baseLayout({
    title: input.title ?? "True class vs other classes, per block (mean over test images of each class)",
    height: 120 + 300 * rows,
  });
  return { data, layout: { ...base, ...grid.layout, barmode: "group", bargap: 0.25 } };
}

/**
 * One heat map per block of `meanLogits[trueClass][logitClass]`: a bright diagonal means the block's logits
 * single out the true class. Each block has its own color scale (logit scales differ between blocks).
 *
 * @param input Per-block N x N matrices, class names, title.
 * @returns One heatmap trace per block, named `"Block l"`.
 */
export function classLogitHeatmapChart(
  input: {
    readonly blocks: readonly MeanLogits[];
    readonly classNames: readonly string[];
    readonly title?: string;
  },
): PlotlyFigure {
  const count = input.blocks.length;
  if (count === 0) {
    throw new RangeError("classLogitHeatmapChart(): blocks is empty; pass one matrix per block");
  }
  input.blocks.forEach(classSeparation);
  const names = input.classNames.map(plotlyText);
  const { rows, columns } = panelGrid(count, undefined);
  const grid = subplotGrid(rows, columns, {
    cellCount: count,
    columnGap: 0.1,
    rowGap: 0.14,
    titles: input.blocks.map((_, b) => `Block ${b + 1}`),
    axes: (cell) => ({
      x: { type: "category", showgrid: false, tickangle: -45, constrain: "domain" },
      y: {
        type: "category",
        showgrid: false,
        autorange: "reversed",
        scaleanchor: cell.xaxis,
        constrain: "domain",
      },
    }),
  });
  const data: PlotlyTrace[] = grid.cells.map((cell, b) => ({
    type: "heatmap",
    name: `Block ${b + 1}`,
    x: names,
    y: names,
    z: input.blocks[b].map((row) => row.map(finiteOrNull)),
    colorscale: "Viridis",
    colorbar: {
      x: cell.xDomain[1] + 0.005,
      xanchor: "left",
      y: (cell.yDomain[0] + cell.yDomain[1]) / 2,
      len: cell.yDomain[1] - cell.yDomain[0],
      thickness: 10,
    },
    xaxis: cell.xaxis,
    yaxis: cell.yaxis,
    hovertemplate: `Block ${b + 1}<br>images of %{y}<br>logit of %{x}: %{z:.4g}<extra></extra>`,
  }));
  const base = baseLayout({
    title: input.title ?? "Mean class logits per block (rows: true class, columns: logit)",
    height: 140 + 340 * rows,
  });
  return { data, layout: { ...base, ...grid.layout } };
}
