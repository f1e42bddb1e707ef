/**
 * The conv weight gradient (`Conv2DBackpropFilter`) on oneDNN's backward-weights primitive, and
 * `Conv2DBackpropFilterBias`, the same primitive returning the bias gradient from the same pass over dy.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ConvGradientAttrs } from "../_conv_geometry.ts";
import type { KernelArgs, KernelConfig, TensorInfo } from "../_kernel_types.ts";
import { conv2dBackpropFilter } from "../conv2d_backprop_filter.ts";
import { convPrimitive } from "./_conv_primitive.ts";
import { convSpec, onednn } from "./_onednn_call.ts";
import { heapPointer, type WasmBackend } from "./_wasm_heap.ts";

/**
 * The kernel name of the fused weight-and-bias gradient. tfjs has no such kernel; asge's local gradients
 * (`lib/training/local_gradients.ts`) run it where a backend registers it, and otherwise compute the bias
 * gradient with a separate reduction over dy.
 */
export const CONV2D_BACKPROP_FILTER_BIAS = "Conv2DBackpropFilterBias";

function filterGrad(args: KernelArgs, withBias: boolean): TensorInfo[] {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as ConvGradientAttrs & { filterShape: number[] };
  const spec = convSpec("backward-weights", x.shape, attrs.filterShape, attrs, {
    bias: withBias,
    relu: false,
  });
  if (spec === undefined) {
    if (withBias) {
      throw new Error(
        `${CONV2D_BACKPROP_FILTER_BIAS} takes NHWC and dilation 1 only; call Conv2DBackpropFilter`,
      );
    }
    return [conv2dBackpropFilter(args)]; // asge's wasm kernel: it says what it does not support
  }
  const backend = args.backend as WasmBackend;
  const dw = backend.makeOutput([spec.kh, spec.kw, spec.ci, spec.co], "float32");
  const db = withBias ? backend.makeOutput([spec.co], "float32") : undefined;
  convPrimitive(onednn(), spec).run({
    x: heapPointer(backend, x),
    y: heapPointer(backend, dy),
    filter: heapPointer(backend, dw),
    bias: db === undefined ? undefined : heapPointer(backend, db),
  });
  return db === undefined ? [dw] : [dw, db];
}

/**
 * dW of a convolution from its input and output gradient: NHWC, HWIO, any stride and padding, dilation 1.
 *
 * @param args tfjs kernel arguments: inputs `x` [N, H, W, C_in], `dy` [N, Ho, Wo, C_out]; attrs `strides`,
 *   `pad`, `dataFormat`, `dimRoundingMode`, `filterShape` [kh, kw, C_in, C_out].
 * @returns dW [kh, kw, C_in, C_out].
 */
export function onednnConv2dBackpropFilter(args: KernelArgs): TensorInfo {
  return filterGrad(args, false)[0];
}

/**
 * dW and db = sum of dy over N, Ho, Wo, from one backward-weights primitive.
 *
 * @param args As {@linkcode onednnConv2dBackpropFilter}.
 * @returns [dW [kh, kw, C_in, C_out], db [C_out]].
 */
export function onednnConv2dBackpropFilterBias(args: KernelArgs): TensorInfo[] {
  return filterGrad(args, true);
}

/** `Conv2DBackpropFilter` on the onednn backend. */
export const onednnConv2dBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: "onednn",
  kernelFunc: onednnConv2dBackpropFilter,
};

/** `Conv2DBackpropFilterBias` on the onednn backend. */
export const onednnConv2dBackpropFilterBiasConfig: KernelConfig = {
  kernelName: CONV2D_BACKPROP_FILTER_BIAS,
  backendName: "onednn",
  kernelFunc: onednnConv2dBackpropFilterBias,
};
