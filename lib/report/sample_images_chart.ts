/**
 * A grid of sample images with their labels (and, when given, the predictions, wrong ones in red): to check
 * that a dataset loads the right way round, in the right colors, with the right labels.
 * @module
 */

import { baseLayout } from "./chart_style.ts";
import { subplotGrid } from "./_subplot_grid.ts";
import { imageAxes, imageCount, imageRgbRows } from "./_image_pixels.ts";
import { type PlotlyFigure, plotlyText, type PlotlyTrace } from "./plotly_figure.ts";

/** Input of {@link sampleImagesChart}; a `LabeledImages` (lib/config) plus class names fits it as it is. */
export interface SampleImagesInput {
  /** Pixel bytes, NHWC, channels interleaved (RGB for colour). */
  readonly images: Uint8Array;
  /** One class index per image. */
  readonly labels: ArrayLike<number>;
  /** Image height in pixels. */
  readonly height: number;
  /** Image width in pixels. */
  readonly width: number;
  /** 1 for grey, 3 for RGB. */
  readonly channels: number;
  /** Class names, indexed by label. */
  readonly classNames: readonly string[];
  /** Predicted class per image (optional); wrong predictions get a red title. */
  readonly predictions?: ArrayLike<number>;
  /** How many images to show, from the first (default min(count, 32)). */
  readonly maxImages?: number;
  /** Images per row (default min(shown, 8)). */
  readonly columns?: number;
  /** Chart title. */
  readonly title?: string;
}

function className(names: readonly string[], index: number): string {
  return plotlyText(names[index] ?? `class ${index}`);
}

/**
 * Draws the first images of a batch in a grid, each titled with its label (`"label"`, or
 * `"label → prediction"` in red when a prediction is wrong).
 *
 * @param input NHWC bytes, labels, class names, optional predictions.
 * @returns One `image` trace per image shown.
 * @example Two grey 2x2 images
 * ```ts
 * import { sampleImagesChart } from "./sample_images_chart.ts";
 * const fig = sampleImagesChart({
 *   images: new Uint8Array(8).fill(128), labels: [0, 1], height: 2, width: 2, channels: 1,
 *   classNames: ["zero", "one"], predictions: [0, 0],
 * });
 * if (fig.data.length !== 2) throw new Error("traces");
 * ```
 */
export function sampleImagesChart(input: SampleImagesInput): PlotlyFigure {
  const count = imageCount("sampleImagesChart()", input.images, input);
  if (input.labels.length < count) {
    throw new RangeError(
      `sampleImagesChart(): ${count} images but ${input.labels.length} labels; pass one label per image`,
    );
  }
  if (input.predictions && input.predictions.length < count) {
    throw new RangeError(
      `sampleImagesChart(): ${count} images but ${input.predictions.length} predictions; pass one per image`,
    );
  }
  const shown = Math.min(count, input.maxImages ?? 32);
  if (shown === 0) throw new RangeError("sampleImagesChart(): no images to show; pass at least one image");
  const columns = Math.max(1, Math.min(shown, input.columns ?? 8));
  const rows = Math.ceil(shown / columns);
  const titles: string[] = [];
  for (let i = 0; i < shown; i++) {
    const label = className(input.classNames, input.labels[i]);
    const predicted = input.predictions?.[i];
    if (predicted === undefined) titles.push(label);
    else if (predicted === input.labels[i]) titles.push(`${label} ✓`);
    else {titles.push(
        `<span style="color:#c62828">${label} → ${className(input.classNames, predicted)}</span>`,
      );}
  }
  const grid = subplotGrid(rows, columns, {
    cellCount: shown,
    columnGap: 0.015,
    rowGap: 0.09,
    titles,
    axes: (cell) => imageAxes(cell.xaxis),
  });
  const data: PlotlyTrace[] = grid.cells.map((cell, i) => ({
    type: "image",
    name: titles[i],
    z: imageRgbRows(input.images, i, input),
    xaxis: cell.xaxis,
    yaxis: cell.yaxis,
    hovertemplate: `image ${i}<br>x %{x}, y %{y}<br>value %{z}<extra></extra>`,
  }));
  const base = baseLayout({
    title: input.title ??
      (input.predictions ? "Sample images (label → prediction when wrong)" : "Sample images"),
    height: 90 + rows * Math.max(90, Math.min(160, 1000 / columns)),
  });
  return {
    data,
    layout: {
      ...base,
      ...grid.layout,
      annotations: (grid.layout.annotations as Record<string, unknown>[])
        .map((a) => ({ ...a, font: { size: columns > 8 ? 9 : 11 } })),
      margin: { l: 10, r: 10, t: 70, b: 10 },
    },
  };
}
