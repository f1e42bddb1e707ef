/**
 * The conv weight gradient kernel (`Conv2DBackpropFilter`): tfjs-backend-wasm lacks one, tfjs-backend-webgpu's
 * is a plain loop over the batch (~0.4 GFLOP/s on lavapipe).
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ConvGeometry, KernelArgs, KernelConfig, TensorInfo } from "./_kernel_types.ts";
import { convGeometry, type ConvGradientAttrs } from "./_conv_geometry.ts";
import { filterGradChannelsFirst } from "./_filter_grad_channels_first.ts";
import { filterGradIm2col } from "./_filter_grad_im2col.ts";

/** How a weight gradient is computed: see {@linkcode filterGradMethod}. */
export type FilterGradMethod = "im2col" | "channels-first";

/** wasm: up to this many input channels (at stride 1) im2col is used, above it the channels-first form. */
export const WASM_IM2COL_MAX_IN_CHANNELS = 4;

/** webgpu: im2col while its patch matrix stays under this size (the CPU adapter binds at most 128 MiB). */
export const WEBGPU_IM2COL_MAX_BYTES = 64 * 2 ** 20;

/**
 * Picks the faster formulation for a convolution on a backend, as measured with
 * `bench/backend_kernels_bench.ts` and a per-formulation run (batch 64, 3x3, stride 1):
 * - wasm: with 1 and 3 input channels im2col is 10-20% faster; with 8 or more the channels-first form is
 *   10-40% faster and needs 9x less scratch memory. At stride 2 the strided patch views are slow on wasm
 *   (0.5-3 GFLOP/s against 5-15 for channels-first), so strided convolutions always take channels-first.
 * - webgpu (lavapipe): im2col is 2-3x faster than channels-first on every ASGE shape (and 3-9x faster than
 *   tfjs's own kernel); its patch matrix is 9 x C_in times the input, so past
 *   {@linkcode WEBGPU_IM2COL_MAX_BYTES} the channels-first form takes over.
 *
 * @param backendName The active backend.
 * @param conv Sizes of the forward convolution.
 * @returns The formulation to run.
 * @example Few channels take im2col on wasm
 * ```ts
 * import { filterGradMethod } from "./conv2d_backprop_filter.ts";
 * const conv = { batchSize: 64, outHeight: 28, outWidth: 28, filterHeight: 3, filterWidth: 3, strideHeight: 1, strideWidth: 1 };
 * if (filterGradMethod("wasm", { ...conv, inChannels: 1 }) !== "im2col") throw new Error();
 * if (filterGradMethod("wasm", { ...conv, inChannels: 64 }) !== "channels-first") throw new Error();
 * if (filterGradMethod("wasm", { ...conv, inChannels: 1, strideHeight: 2 }) !== "channels-first") throw new Error();
 * ```
 */
export function filterGradMethod(
  backendName: string,
  conv: Pick<
    ConvGeometry,
    | "batchSize"
    | "outHeight"
    | "outWidth"
    | "filterHeight"
    | "filterWidth"
    | "inChannels"
    | "strideHeight"
    | "strideWidth"
  >,
): FilterGradMethod {
  if (backendName === "webgpu") {
    const patchBytes = 4 * conv.batchSize * conv.outHeight * conv.outWidth * conv.filterHeight *
      conv.filterWidth *
      conv.inChannels;
    return patchBytes <= WEBGPU_IM2COL_MAX_BYTES ? "im2col" : "channels-first";
  }
  const unstrided = conv.strideHeight === 1 && conv.strideWidth === 1;
  return unstrided && conv.inChannels <= WASM_IM2COL_MAX_IN_CHANNELS ? "im2col" : "channels-first";
}

/**
 * Computes dW of a 2-D convolution from the forward input and the output gradient, using only kernels that are
 * fast on the active backend (Conv2D or a non-transposed BatchMatMul, plus Transpose/PadV2/StridedSlice).
 * NHWC, any stride, "same"/"valid"/explicit padding, dilation 1. Every intermediate is freed before returning.
 *
 * @param args tfjs kernel arguments: inputs `x` [N, H, W, C_in] and `dy` [N, Ho, Wo, C_out]; attrs `strides`,
 *   `pad`, `dataFormat` ("NHWC"), `dimRoundingMode`, `filterShape` [kh, kw, C_in, C_out].
 * @returns dW [kh, kw, C_in, C_out].
 */
export function conv2dBackpropFilter(args: KernelArgs): TensorInfo {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as ConvGradientAttrs & { filterShape: number[] };
  const conv = convGeometry("Conv2DBackpropFilter", x.shape, attrs.filterShape, attrs);
  const method = filterGradMethod(tf.getBackend(), conv);
  return method === "im2col"
    ? filterGradIm2col(args.backend, x, dy, conv)
    : filterGradChannelsFirst(args.backend, x, dy, conv);
}

/** `Conv2DBackpropFilter` for the wasm backend; registered by {@linkcode registerAsgeKernels}. */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: "wasm",
  kernelFunc: conv2dBackpropFilter,
};

/** `Conv2DBackpropFilter` for the webgpu backend; replaces tfjs's own in {@linkcode registerAsgeKernels}. */
export const conv2dBackpropFilterWebgpuConfig: KernelConfig = {
  ...conv2dBackpropFilterConfig,
  backendName: "webgpu",
};
