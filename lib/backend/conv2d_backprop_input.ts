/**
 * A faster conv input gradient kernel (`Conv2DBackpropInput`) for the wasm backend.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ConvGeometry, KernelArgs, KernelConfig, TensorInfo } from "./_kernel_types.ts";
import { convGeometry, type ConvGradientAttrs } from "./_conv_geometry.ts";
import { callKernel } from "./_kernel_call.ts";
import { inputGradFlipped } from "./_input_grad_flipped.ts";

/**
 * Computes dx of a 2-D convolution as a forward convolution of the (stride-spread, padded) output gradient with
 * the spatially flipped, in/out-swapped kernel. tfjs-backend-wasm's own kernel is a plain loop (~2.5 GFLOP/s);
 * this runs through XNNPACK. NHWC, any stride, "same"/"valid"/explicit padding, dilation 1.
 *
 * @param args tfjs kernel arguments: inputs `dy` [N, Ho, Wo, C_out] and `filter` [kh, kw, C_in, C_out]; attrs
 *   `strides`, `pad`, `dataFormat` ("NHWC"), `dimRoundingMode`, `inputShape` [N, H, W, C_in].
 * @returns dx [N, H, W, C_in].
 */
export function conv2dBackpropInput(args: KernelArgs): TensorInfo {
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as ConvGradientAttrs & { inputShape: number[] };
  const conv = convGeometry("Conv2DBackpropInput", attrs.inputShape, filter.shape, attrs);
  if (!useFlipped(conv)) {
    return callKernel(tf.Conv2DBackpropInput, args.backend, args.inputs, args.attrs);
  }
  return inputGradFlipped(args.backend, dy, filter, conv);
}

/**
 * Whether the flipped-kernel form is the faster one for this convolution.
 *
 * @param conv The forward convolution's geometry.
 * @returns true where measured faster than wasm's own kernel: stride 1 (8-12x: 17-30 against 2.3-3.7 GFLOP/s
 *   on ASGE's shapes) and stride 2 (2.5x: 5-7 against 2-2.5, the spread dy being 3/4 zeros). Stride 3 gains
 *   too little (2.8 against 2.0) for 9x the scratch memory.
 */
function useFlipped(conv: ConvGeometry): boolean {
  return conv.strideHeight <= 2 && conv.strideWidth <= 2;
}

/** `Conv2DBackpropInput` for the wasm backend; replaces tfjs's own in {@linkcode registerAsgeKernels}. */
export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: "wasm",
  kernelFunc: conv2dBackpropInput,
};
