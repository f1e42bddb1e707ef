/**
 * Private: lays out a rows x columns grid of Plotly subplots (axes `x`, `x2`, ... with domains) and puts a title
 * above each cell, so chart builders can place one panel per block or per image.
 * @module
 */

import { axisStyle } from "./chart_style.ts";

/** One cell of the grid: the axis ids its traces name and the layout keys of those axes. */
export interface GridCell {
  /** Trace `xaxis` value, e.g. `"x"` or `"x3"`. */
  readonly xaxis: string;
  /** Trace `yaxis` value, e.g. `"y"` or `"y3"`. */
  readonly yaxis: string;
  /** Layout key of the x axis, e.g. `"xaxis3"`. */
  readonly xKey: string;
  /** Layout key of the y axis, e.g. `"yaxis3"`. */
  readonly yKey: string;
  /** 0-based row. */
  readonly row: number;
  /** 0-based column. */
  readonly column: number;
  /** Horizontal extent [x0, x1] as a fraction of the plotting area. */
  readonly xDomain: readonly [number, number];
  /** Vertical extent [y0, y1] as a fraction of the plotting area. */
  readonly yDomain: readonly [number, number];
}

/** Options of {@link subplotGrid}. */
export interface SubplotGridOptions {
  /** Horizontal gap between cells as a fraction of the width (default 0.06). */
  readonly columnGap?: number;
  /** Vertical gap between cells as a fraction of the height (default 0.1). */
  readonly rowGap?: number;
  /** Lay out only the first `cellCount` cells in row-major order (default all), e.g. 5 blocks on a 2 x 3 grid. */
  readonly cellCount?: number;
  /** A title above each cell, in row-major order; missing entries get none. */
  readonly titles?: readonly string[];
  /** Axis settings for a cell (merged over the house axis style). */
  readonly axes?: (cell: GridCell) => { x?: Record<string, unknown>; y?: Record<string, unknown> };
}

/** The cells and the layout entries (axes and title annotations) of a grid. */
export interface SubplotGrid {
  /** Cells in row-major order. */
  readonly cells: GridCell[];
  /** Layout entries to spread into the figure's layout (`xaxis`, `yaxis2`, ..., `annotations`). */
  readonly layout: Record<string, unknown>;
}

/**
 * Computes axis domains and titles for a grid of subplots, row 0 at the top.
 *
 * @param rows Number of rows (>= 1).
 * @param columns Number of columns (>= 1).
 * @param options Gaps, titles and per-cell axis settings.
 * @returns The cells and the layout entries.
 */
export function subplotGrid(rows: number, columns: number, options: SubplotGridOptions = {}): SubplotGrid {
  if (!(Number.isInteger(rows) && rows >= 1 && Number.isInteger(columns) && columns >= 1)) {
    throw new RangeError(`subplotGrid(): rows ${rows} and columns ${columns} must be integers >= 1`);
  }
  const columnGap = columns > 1 ? options.columnGap ?? 0.06 : 0;
  const rowGap = rows > 1 ? options.rowGap ?? 0.1 : 0;
  const cellWidth = (1 - columnGap * (columns - 1)) / columns;
  const cellHeight = (1 - rowGap * (rows - 1)) / rows;
  const cells: GridCell[] = [];
  const layout: Record<string, unknown> = {};
  const annotations: Record<string, unknown>[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const n = row * columns + column + 1;
      if (n > (options.cellCount ?? rows * columns)) break;
      const x0 = column * (cellWidth + columnGap);
      const yTop = 1 - row * (cellHeight + rowGap);
      const suffix = n === 1 ? "" : String(n);
      const cell: GridCell = {
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
        xKey: `xaxis${suffix}`,
        yKey: `yaxis${suffix}`,
        row,
        column,
        xDomain: [x0, x0 + cellWidth],
        yDomain: [yTop - cellHeight, yTop],
      };
      const extra = options.axes?.(cell) ?? {};
      layout[cell.xKey] = { ...axisStyle(), ...extra.x, domain: [...cell.xDomain], anchor: cell.yaxis };
      layout[cell.yKey] = {
        ...axisStyle(),
        ...extra.y,
        domain: [yTop - cellHeight, yTop],
        anchor: cell.xaxis,
      };
      const title = options.titles?.[n - 1];
      if (title) {
        annotations.push({
          text: title,
          x: x0 + cellWidth / 2,
          y: yTop,
          xref: "paper",
          yref: "paper",
          xanchor: "center",
          yanchor: "bottom",
          yshift: 4,
          showarrow: false,
          font: { size: 12 },
        });
      }
      cells.push(cell);
    }
  }
  layout.annotations = annotations;
  return { cells, layout };
}
