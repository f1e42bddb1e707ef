/**
 * Private: the conv weight gradient as im2col + one plain matMul (wasm: few input channels; webgpu: all shapes).
 * @module
 */
import type { ConvGeometry, KernelBackend, TensorInfo } from "./_kernel_types.ts";
import { callKernel, release, reshapeInfo, transposeInfo } from "./_kernel_call.ts";
import { padOrCrop } from "./_pad_or_crop.ts";

/**
 * With 1 or 3 input channels the channels-first form becomes a convolution with a batch of 1-3 and a huge
 * kernel, which XNNPACK runs slowly. Here the kh*kw shifted (and strided) views of the channels-first input are
 * stacked into patches [C_in*kh*kw, N*Ho*Wo] and multiplied by dy [N*Ho*Wo, C_out] with a NON-transposed matMul
 * (the only one wasm runs through XNNPACK).
 *
 * @param backend The active backend.
 * @param x The forward input [N, H, W, C_in].
 * @param dy The output gradient [N, Ho, Wo, C_out].
 * @param conv The forward convolution's geometry.
 * @returns dW [kh, kw, C_in, C_out], owned by the caller.
 */
export function filterGradIm2col(
  backend: KernelBackend,
  x: TensorInfo,
  dy: TensorInfo,
  conv: ConvGeometry,
): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = conv;
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci } = conv;
  const { outHeight: ho, outWidth: wo, outChannels: co } = conv;
  const xp = padOrCrop(
    backend,
    x,
    [padInfo.top, kh + (ho - 1) * sh - padInfo.top - h],
    [padInfo.left, kw + (wo - 1) * sw - padInfo.left - w],
  );
  const xc = transposeInfo(backend, xp, [3, 0, 1, 2]);
  release(backend, xp);
  const patches: TensorInfo[] = [];
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const view = callKernel("StridedSlice", backend, { x: xc }, {
        begin: [0, 0, a, b],
        end: [ci, n, a + (ho - 1) * sh + 1, b + (wo - 1) * sw + 1],
        strides: [1, 1, sh, sw],
        beginMask: 0,
        endMask: 0,
        ellipsisMask: 0,
        newAxisMask: 0,
        shrinkAxisMask: 0,
      });
      patches.push(reshapeInfo(backend, view, [ci, 1, n * ho * wo]));
      release(backend, view);
    }
  }
  release(backend, xc);
  const stacked = callKernel("Concat", backend, patches, { axis: 1 });
  release(backend, ...patches);
  const a = reshapeInfo(backend, stacked, [1, ci * kh * kw, n * ho * wo]);
  const b = reshapeInfo(backend, dy, [1, n * ho * wo, co]);
  release(backend, stacked);
  const product = callKernel("BatchMatMul", backend, { a, b }, { transposeA: false, transposeB: false });
  release(backend, a, b);
  const grad = reshapeInfo(backend, product, [ci, kh, kw, co]);
  release(backend, product);
  const dw = transposeInfo(backend, grad, [1, 2, 0, 3]);
  release(backend, grad);
  return dw;
}
