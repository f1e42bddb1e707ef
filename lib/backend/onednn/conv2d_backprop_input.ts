/**
 * The conv input gradient (`Conv2DBackpropInput`) on oneDNN's backward-data primitive.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ConvGradientAttrs } from "../_conv_geometry.ts";
import { callKernel } from "../_kernel_call.ts";
import type { KernelArgs, KernelConfig, TensorInfo } from "../_kernel_types.ts";
import { convPrimitive } from "./_conv_primitive.ts";
import { convSpec, onednn } from "./_onednn_call.ts";
import { heapPointer, type WasmBackend } from "./_wasm_heap.ts";

/**
 * dx of a convolution from its output gradient and filter: NHWC, HWIO, any stride and padding; NCHW and
 * dilations go to the wasm backend's kernel.
 *
 * @param args tfjs kernel arguments: inputs `dy` [N, Ho, Wo, C_out], `filter` [kh, kw, C_in, C_out]; attrs
 *   `strides`, `pad`, `dataFormat`, `dimRoundingMode`, `inputShape` [N, H, W, C_in].
 * @returns dx [N, H, W, C_in].
 */
export function onednnConv2dBackpropInput(args: KernelArgs): TensorInfo {
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const attrs = args.attrs as unknown as ConvGradientAttrs & { inputShape: number[] };
  const spec = convSpec("backward-data", attrs.inputShape, filter.shape, attrs, { bias: false, relu: false });
  if (spec === undefined) return callKernel(tf.Conv2DBackpropInput, args.backend, args.inputs, args.attrs);
  const backend = args.backend as WasmBackend;
  const dx = backend.makeOutput([spec.n, spec.h, spec.w, spec.ci], "float32");
  convPrimitive(onednn(), spec).run({
    y: heapPointer(backend, dy),
    filter: heapPointer(backend, filter),
    x: heapPointer(backend, dx),
  });
  return dx;
}

/** `Conv2DBackpropInput` on the onednn backend. */
export const onednnConv2dBackpropInputConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: "onednn",
  kernelFunc: onednnConv2dBackpropInput,
};
