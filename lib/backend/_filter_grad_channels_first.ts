/**
 * Private: the conv weight gradient as one XNNPACK-friendly forward convolution ("channels-first" form).
 * @module
 */
import type { ConvGeometry, KernelBackend, TensorInfo } from "./_kernel_types.ts";
import { callKernel, release, transposeInfo } from "./_kernel_call.ts";
import { padOrCrop } from "./_pad_or_crop.ts";

/**
 * dW[a, b, ci, co] = sum over n, i, j of xpad[n, i*s + a, j*s + b, ci] * dy[n, i, j, co]. Read with ci as the
 * batch, n as the channels and dy as a filter of size Ho x Wo dilated by the stride, that sum is a "valid"
 * convolution whose output is kh x kw: one call to the backend's fast Conv2D.
 *
 * @param backend The active backend.
 * @param x The forward input [N, H, W, C_in].
 * @param dy The output gradient [N, Ho, Wo, C_out].
 * @param conv The forward convolution's geometry.
 * @returns dW [kh, kw, C_in, C_out], owned by the caller.
 */
export function filterGradChannelsFirst(
  backend: KernelBackend,
  x: TensorInfo,
  dy: TensorInfo,
  conv: ConvGeometry,
): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = conv;
  const { inHeight: h, inWidth: w, outHeight: ho, outWidth: wo } = conv;
  // Exactly the rows and columns the forward conv read: kh + (Ho - 1) * sh of them.
  const xp = padOrCrop(
    backend,
    x,
    [padInfo.top, kh + (ho - 1) * sh - padInfo.top - h],
    [padInfo.left, kw + (wo - 1) * sw - padInfo.left - w],
  );
  const xt = transposeInfo(backend, xp, [3, 1, 2, 0]);
  release(backend, xp);
  const filter = transposeInfo(backend, dy, [1, 2, 0, 3]);
  const grad = callKernel("Conv2D", backend, { x: xt, filter }, {
    strides: [1, 1],
    pad: "valid",
    dataFormat: "NHWC",
    dilations: [sh, sw],
    dimRoundingMode: undefined,
  });
  release(backend, xt, filter);
  const dw = transposeInfo(backend, grad, [1, 2, 0, 3]);
  release(backend, grad);
  return dw;
}
