/**
 * Where in the image each block puts its energy: for a few images, the image itself beside one heat map per
 * block of the patch goodness over the P_l x P_l grid (summed over channels).
 * @module
 */

import { baseLayout, ENERGY_COLORSCALE } from "./chart_style.ts";
import { subplotGrid } from "./_subplot_grid.ts";
import { imageAxes, imageCount, imageRgbRows } from "./_image_pixels.ts";
import { finiteOrNull, type PlotlyFigure, plotlyText, type PlotlyTrace } from "./plotly_figure.ts";

/** One image and its patch goodness per block. */
export interface PatchGoodnessImage {
  /** The image as HWC bytes (one image, `height * width * channels` long). */
  readonly pixels: Uint8Array;
  /** Image height in pixels. */
  readonly height: number;
  /** Image width in pixels. */
  readonly width: number;
  /** 1 (grey) or 3 (RGB). */
  readonly channels: number;
  /** Row title as plain text, e.g. `"sneaker (predicted: sandal)"`. */
  readonly label?: string;
  /** Per block, the P_l x P_l patch goodness `[i][j]` (row i from the top), e.g. summed over channels. */
  readonly blocks: readonly (readonly (readonly number[])[])[];
}

/** Input of {@link patchGoodnessChart}. */
export interface PatchGoodnessInput {
  /** A few images (each a row of the chart). */
  readonly images: readonly PatchGoodnessImage[];
  /** Column titles of the blocks (default `"Block l (P=p)"`). */
  readonly blockTitles?: readonly string[];
  /** Chart title. */
  readonly title?: string;
}

/**
 * Draws, per image, the image and a heat map per block of its patch goodness. Each heat map has its own color
 * range (from 0 to its largest patch), since the blocks' energies differ by orders of magnitude; hover shows
 * the raw value.
 *
 * @param input The images, each with one P x P matrix per block.
 * @returns Per image one `image` trace then one `heatmap` trace per block.
 * @example One grey 2x2 image, one block with P = 2
 * ```ts
 * import { patchGoodnessChart } from "./patch_goodness_chart.ts";
 * const fig = patchGoodnessChart({
 *   images: [{ pixels: new Uint8Array([0, 255, 255, 0]), height: 2, width: 2, channels: 1, blocks: [[[1, 2], [3, 4]]] }],
 * });
 * if (fig.data.map((t) => t.type).join() !== "image,heatmap") throw new Error("traces");
 * ```
 */
export function patchGoodnessChart(input: PatchGoodnessInput): PlotlyFigure {
  const { images } = input;
  if (images.length === 0) {
    throw new RangeError("patchGoodnessChart(): images is empty; pass at least one image");
  }
  const blockCount = images[0].blocks.length;
  images.forEach((image, i) => {
    const who = `patchGoodnessChart() image ${i}`;
    if (imageCount(who, image.pixels, image) !== 1) {
      throw new RangeError(`${who}: pixels hold ${image.pixels.length} bytes; pass exactly one HWC image`);
    }
    if (image.blocks.length !== blockCount || blockCount === 0) {
      throw new RangeError(
        `${who}: has ${image.blocks.length} blocks, image 0 has ${blockCount}; pass the same blocks (>= 1) for all`,
      );
    }
    image.blocks.forEach((grid, b) => {
      if (grid.length === 0 || grid.some((row) => row.length !== grid.length)) {
        throw new RangeError(`${who} block ${b + 1}: goodness is not a square P x P array; pass [i][j] rows`);
      }
    });
  });
  const columns = blockCount + 1;
  const blockTitles = input.blockTitles ??
    images[0].blocks.map((grid, b) => `Block ${b + 1} (P=${grid.length})`);
  const labels = images.map((image, i) =>
    image.label === undefined ? `Image ${i + 1}` : plotlyText(image.label)
  );
  const titles = images.flatMap((_, i) => [labels[i], ...blockTitles]);
  const grid = subplotGrid(images.length, columns, {
    columnGap: 0.02,
    rowGap: 0.06,
    titles,
    axes: (cell) => imageAxes(cell.xaxis),
  });
  const data: PlotlyTrace[] = [];
  for (const cell of grid.cells) {
    const image = images[cell.row];
    if (cell.column === 0) {
      data.push({
        type: "image",
        name: labels[cell.row],
        z: imageRgbRows(image.pixels, 0, image),
        xaxis: cell.xaxis,
        yaxis: cell.yaxis,
        hovertemplate: "x %{x}, y %{y}<br>RGB %{z}<extra></extra>",
      });
      continue;
    }
    const b = cell.column - 1;
    const z = image.blocks[b].map((row) => row.map(finiteOrNull));
    const peak = Math.max(0, ...z.flat().filter((v): v is number => v !== null));
    data.push({
      type: "heatmap",
      name: `${labels[cell.row]}: block ${b + 1}`,
      z,
      zmin: 0,
      ...(peak > 0 ? { zmax: peak } : {}),
      colorscale: ENERGY_COLORSCALE,
      showscale: false,
      xgap: 0.5,
      ygap: 0.5,
      xaxis: cell.xaxis,
      yaxis: cell.yaxis,
      hovertemplate: `Block ${b + 1}, patch (%{y}, %{x})<br>goodness %{z:.4g}<extra></extra>`,
    });
  }
  const base = baseLayout({
    title: input.title ?? "Patch goodness over the P x P grid (brighter = more energy; scale per panel)",
    height: 110 + images.length * Math.max(130, Math.min(220, 900 / columns)),
  });
  return { data, layout: { ...base, ...grid.layout, margin: { l: 20, r: 20, t: 70, b: 20 } } };
}
