/**
 * Private: the conv input gradient as a forward convolution with the flipped kernel.
 * @module
 */
import type { ConvGeometry, KernelBackend, TensorInfo } from "./_kernel_types.ts";
import { callKernel, release, reshapeInfo, transposeInfo } from "./_kernel_call.ts";
import { padOrCrop } from "./_pad_or_crop.ts";

/**
 * Spreads dy out by the stride: s - 1 zeros after every row and column, so a stride-s forward conv's input
 * gradient becomes a stride-1 convolution.
 *
 * @param backend The active backend.
 * @param dy [N, Ho, Wo, C].
 * @param sh Row stride.
 * @param sw Column stride.
 * @returns [N, Ho*sh, Wo*sw, C], owned by the caller.
 */
function spreadByStride(backend: KernelBackend, dy: TensorInfo, sh: number, sw: number): TensorInfo {
  const [n, ho, wo, c] = dy.shape;
  let z = reshapeInfo(backend, dy, [n * ho, wo, 1, c]);
  if (sw > 1) {
    const padded = callKernel("PadV2", backend, { x: z }, {
      paddings: [[0, 0], [0, 0], [0, sw - 1], [0, 0]],
      constantValue: 0,
    });
    release(backend, z);
    z = padded;
  }
  const rows = reshapeInfo(backend, z, [n, ho, 1, wo * sw * c]);
  release(backend, z);
  z = rows;
  if (sh > 1) {
    const padded = callKernel("PadV2", backend, { x: z }, {
      paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0]],
      constantValue: 0,
    });
    release(backend, z);
    z = padded;
  }
  const out = reshapeInfo(backend, z, [n, ho * sh, wo * sw, c]);
  release(backend, z);
  return out;
}

/**
 * dx[n, p, q, ci] = sum over a, b, co of z[n, p + top - a, q + left - b, co] * W[a, b, ci, co], with z the
 * stride-spread dy: a "valid" stride-1 convolution of the padded z with W flipped in space and with its
 * channel axes swapped. One call to the backend's fast Conv2D.
 *
 * @param backend The active backend.
 * @param dy The output gradient [N, Ho, Wo, C_out].
 * @param filter The forward filter [kh, kw, C_in, C_out].
 * @param conv The forward convolution's geometry.
 * @returns dx [N, H, W, C_in], owned by the caller.
 */
export function inputGradFlipped(
  backend: KernelBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  conv: ConvGeometry,
): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = conv;
  const { inHeight: h, inWidth: w } = conv;
  const z = sh === 1 && sw === 1
    ? reshapeInfo(backend, dy, [...dy.shape])
    : spreadByStride(backend, dy, sh, sw);
  const [, zh, zw] = z.shape;
  const zp = padOrCrop(
    backend,
    z,
    [kh - 1 - padInfo.top, h + padInfo.top - zh],
    [kw - 1 - padInfo.left, w + padInfo.left - zw],
  );
  release(backend, z);
  const reversed = callKernel("Reverse", backend, { x: filter }, { dims: [0, 1] });
  const flipped = transposeInfo(backend, reversed, [0, 1, 3, 2]);
  release(backend, reversed);
  const dx = callKernel("Conv2D", backend, { x: zp, filter: flipped }, {
    strides: [1, 1],
    pad: "valid",
    dataFormat: "NHWC",
    dilations: [1, 1],
    dimRoundingMode: undefined,
  });
  release(backend, zp, flipped);
  return dx;
}
