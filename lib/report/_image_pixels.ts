/**
 * Private: turns one image of a uint8 NHWC batch into the `z` of a Plotly `image` trace (rows of [r, g, b]),
 * grey replicated to RGB, shrunk by whole-pixel striding when it is larger than needed for a chart.
 * @module
 */

/** The shape of a batch of images, as `LabeledImages` (lib/config) carries it. */
export interface ImageBatchShape {
  /** Height in pixels. */
  readonly height: number;
  /** Width in pixels. */
  readonly width: number;
  /** 1 (grey) or 3 (RGB). */
  readonly channels: number;
}

/**
 * Checks a batch shape against its pixel buffer and returns the number of images it holds.
 *
 * @param who The calling function, for the error message.
 * @param pixels NHWC bytes.
 * @param shape Height, width, channels.
 * @returns The number of whole images in `pixels`.
 */
export function imageCount(who: string, pixels: Uint8Array, shape: ImageBatchShape): number {
  const { height, width, channels } = shape;
  if (!(height >= 1 && width >= 1 && (channels === 1 || channels === 3))) {
    throw new RangeError(
      `${who}: image shape ${height}x${width}x${channels} is not supported; pass height, width >= 1 and ` +
        `channels 1 (grey) or 3 (RGB)`,
    );
  }
  const size = height * width * channels;
  if (pixels.length % size !== 0) {
    throw new RangeError(
      `${who}: ${pixels.length} pixel bytes is not a whole number of ${height}x${width}x${channels} images; ` +
        `pass NHWC bytes with the matching height, width and channels`,
    );
  }
  return pixels.length / size;
}

/**
 * Reads image `index` of an NHWC batch as rows of `[r, g, b]` for a Plotly `image` trace.
 *
 * @param pixels NHWC bytes of the batch.
 * @param index 0-based image index.
 * @param shape Height, width, channels.
 * @param maxSide Largest side to keep; bigger images are shrunk by an integer stride (default 64).
 * @returns `z[row][column] = [r, g, b]`.
 */
export function imageRgbRows(
  pixels: Uint8Array,
  index: number,
  shape: ImageBatchShape,
  maxSide = 64,
): number[][][] {
  const { height, width, channels } = shape;
  const stride = Math.max(1, Math.ceil(Math.max(height, width) / maxSide));
  const base = index * height * width * channels;
  const rows: number[][][] = [];
  for (let y = 0; y < height; y += stride) {
    const row: number[][] = [];
    for (let x = 0; x < width; x += stride) {
      const at = base + (y * width + x) * channels;
      row.push(
        channels === 1 ? [pixels[at], pixels[at], pixels[at]] : [pixels[at], pixels[at + 1], pixels[at + 2]],
      );
    }
    rows.push(row);
  }
  return rows;
}

/** The axis settings that show an image upright, square pixels, no ticks. */
export function imageAxes(xaxis: string): { x: Record<string, unknown>; y: Record<string, unknown> } {
  const bare = { showgrid: false, showticklabels: false, ticks: "", showline: false, mirror: false };
  return {
    x: { ...bare, constrain: "domain" },
    y: { ...bare, autorange: "reversed", scaleanchor: xaxis, scaleratio: 1, constrain: "domain" },
  };
}
