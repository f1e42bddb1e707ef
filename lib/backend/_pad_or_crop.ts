/**
 * Private: pads or crops the two spatial axes of an NHWC tensor in one call, below the engine.
 * @module
 */
import type { KernelBackend, TensorInfo } from "./_kernel_types.ts";
import { callKernel, release, reshapeInfo } from "./_kernel_call.ts";

/**
 * Adds zeros around the rows and columns of `x` where an amount is positive and cuts rows or columns away where
 * it is negative. Gradient kernels need both: a "valid" stride-2 convolution leaves input rows unread (crop),
 * "same" padding reads rows past the edge (pad).
 *
 * @param backend The active backend.
 * @param x An NHWC tensor [N, H, W, C].
 * @param rows [before, after] for the H axis; negative crops.
 * @param cols [before, after] for the W axis; negative crops.
 * @returns A new tensor the caller owns, [N, H + rows[0] + rows[1], W + cols[0] + cols[1], C].
 */
export function padOrCrop(
  backend: KernelBackend,
  x: TensorInfo,
  rows: readonly [number, number],
  cols: readonly [number, number],
): TensorInfo {
  const [n, h, w, c] = x.shape;
  const cut = [-rows[0], -rows[1], -cols[0], -cols[1]].map((v) => Math.max(v, 0));
  const add = [rows[0], rows[1], cols[0], cols[1]].map((v) => Math.max(v, 0));
  if (h - cut[0] - cut[1] <= 0 || w - cut[2] - cut[3] <= 0) {
    throw new Error(
      `padOrCrop(): cropping rows ${rows} and columns ${cols} of a ${x.shape} tensor leaves nothing`,
    );
  }
  let cropped = x;
  if (cut.some((v) => v > 0)) {
    // StridedSlice, not Slice: the wasm Slice kernel copies its whole input to JS first.
    cropped = callKernel("StridedSlice", backend, { x }, {
      begin: [0, cut[0], cut[2], 0],
      end: [n, h - cut[1], w - cut[3], c],
      strides: [1, 1, 1, 1],
      beginMask: 0,
      endMask: 0,
      ellipsisMask: 0,
      newAxisMask: 0,
      shrinkAxisMask: 0,
    });
  }
  if (add.every((v) => v === 0)) return cropped === x ? reshapeInfo(backend, x, [...x.shape]) : cropped;
  const padded = callKernel("PadV2", backend, { x: cropped }, {
    paddings: [[0, 0], [add[0], add[1]], [add[2], add[3]], [0, 0]],
    constantValue: 0,
  });
  if (cropped !== x) release(backend, cropped);
  return padded;
}
