/**
 * `Conv2D` and `FusedConv2D` (bias, ReLU) on oneDNN's convolution forward primitive, computing on the wasm heap.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ConvGradientAttrs } from "../_conv_geometry.ts";
import { callKernel } from "../_kernel_call.ts";
import type { KernelArgs, KernelConfig, TensorInfo } from "../_kernel_types.ts";
import { convPrimitive } from "./_conv_primitive.ts";
import { convSpec, onednn } from "./_onednn_call.ts";
import { heapPointer, type WasmBackend } from "./_wasm_heap.ts";

interface FusedAttrs extends ConvGradientAttrs {
  activation?: string;
}

function forward(args: KernelArgs, kernelName: string): TensorInfo {
  const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
  const attrs = args.attrs as unknown as FusedAttrs;
  const activation = attrs.activation ?? "linear";
  const fusable = (activation === "linear" || activation === "relu") && preluActivationWeights === undefined;
  const co = filter!.shape[3];
  const biasFits = bias === undefined || bias.shape.reduce((a, b) => a * b, 1) === co;
  const spec = fusable && biasFits
    ? convSpec("forward", x!.shape, filter!.shape, attrs, {
      bias: bias !== undefined,
      relu: activation === "relu",
    })
    : undefined;
  if (spec === undefined) return callKernel(kernelName, args.backend, args.inputs, args.attrs);
  const backend = args.backend as WasmBackend;
  const y = backend.makeOutput([spec.n, spec.oh, spec.ow, spec.co], "float32");
  convPrimitive(onednn(), spec).run({
    x: heapPointer(backend, x!),
    filter: heapPointer(backend, filter!),
    bias: bias === undefined ? undefined : heapPointer(backend, bias),
    y: heapPointer(backend, y),
  });
  return y;
}

/**
 * y = conv2d(x, W): NHWC input [N, H, W, C_in], HWIO filter [kh, kw, C_in, C_out], any stride and padding;
 * NCHW and dilations go to the wasm backend's kernel.
 *
 * @param args tfjs kernel arguments: inputs `x`, `filter`; attrs `strides`, `pad`, `dataFormat`, `dilations`,
 *   `dimRoundingMode`.
 * @returns y [N, Ho, Wo, C_out].
 */
export function onednnConv2d(args: KernelArgs): TensorInfo {
  return forward(args, tf.Conv2D);
}

/**
 * y = act(conv2d(x, W) + b) with act linear or ReLU, in one primitive (ReLU is a post-op: no second pass over
 * y). PReLU, leaky ReLU and other activations go to the wasm backend's kernel.
 *
 * @param args tfjs kernel arguments: inputs `x`, `filter`, `bias` [C_out]; attrs as Conv2D plus `activation`.
 * @returns y [N, Ho, Wo, C_out].
 */
export function onednnFusedConv2d(args: KernelArgs): TensorInfo {
  return forward(args, tf.FusedConv2D);
}

/** `Conv2D` on the onednn backend. */
export const onednnConv2dConfig: KernelConfig = {
  kernelName: tf.Conv2D,
  backendName: "onednn",
  kernelFunc: onednnConv2d,
};

/** `FusedConv2D` on the onednn backend. */
export const onednnFusedConv2dConfig: KernelConfig = {
  kernelName: tf.FusedConv2D,
  backendName: "onednn",
  kernelFunc: onednnFusedConv2d,
};
