/**
 * The conv weight gradient kernel (`Conv2DBackpropFilter`) that tfjs-backend-wasm lacks.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { KernelArgs, KernelConfig, TensorInfo } from "./_kernel_types.ts";
import { convGeometry, type ConvGradientAttrs } from "./_conv_geometry.ts";
import { filterGradChannelsFirst } from "./_filter_grad_channels_first.ts";
import { filterGradIm2col } from "./_filter_grad_im2col.ts";

/**
 * Up to this many input channels the im2col form is used, above it the channels-first form. Measured on wasm
 * (batch 64, 3x3, stride 1; `bench/backend_kernels_bench.ts`): with 1 and 3 channels im2col is 10-20% faster,
 * with 8 or more the channels-first form is 10-40% faster and needs 9x less scratch memory.
 */
export const IM2COL_MAX_IN_CHANNELS = 4;

/** How a weight gradient is computed: see {@linkcode IM2COL_MAX_IN_CHANNELS}. */
export type FilterGradMethod = "im2col" | "channels-first";

/**
 * Picks the faster formulation for a convolution.
 *
 * @param inChannels C_in of the forward convolution.
 * @returns "im2col" for few input channels, else "channels-first".
 * @example Few channels take im2col
 * ```ts
 * import { filterGradMethod } from "./conv2d_backprop_filter.ts";
 * if (filterGradMethod(1) !== "im2col" || filterGradMethod(64) !== "channels-first") throw new Error();
 * ```
 */
export function filterGradMethod(inChannels: number): FilterGradMethod {
  return inChannels <= IM2COL_MAX_IN_CHANNELS ? "im2col" : "channels-first";
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
  const method = filterGradMethod(conv.inChannels);
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
