/**
 * The one place asge adds kernels to tfjs backends: only where tfjs lacks a kernel or ours measured faster.
 *
 * | kernel               | backend | tfjs's own                    | asge's (GFLOP/s)                             |
 * |----------------------|---------|-------------------------------|----------------------------------------------|
 * | Conv2DBackpropFilter | wasm    | none: training a conv fails   | 11-20 (1 ch: 1.5-2, 3 ch: 3.5-5) through     |
 * |                      |         |                               | XNNPACK Conv2D or plain matMul               |
 * |                      |         |                               | (see filterGradMethod)                       |
 * | Conv2DBackpropInput  | wasm    | 2.3-3.7, a plain loop         | 16-30 at stride 1, 5-7 at stride 2: conv     |
 * |                      |         |                               | with the flipped kernel through XNNPACK      |
 * | BatchMatMul          | wasm    | ~2 when transposed (XNNPACK   | 5-27: transpose first, then XNNPACK;         |
 * |                      |         | runs only untransposed)       | untransposed and batched ones handed back    |
 * | Conv2DBackpropFilter | webgpu  | 0.3-0.5 (lavapipe)            | 1.3-4.3 via im2col + matMul (1 ch: 0.3)      |
 * | Conv2D, FusedConv2D  | onednn  | wasm's XNNPACK: 25-29         | oneDNN brgconv, ReLU as a post-op: 58-160    |
 * | Conv2DBackpropFilter | onednn  | none (asge's wasm one: 11-20) | oneDNN jit: 37-150, bias gradient in the     |
 * |  (+ ...Bias)         |         |                               | same pass (Conv2DBackpropFilterBias)         |
 * | Conv2DBackpropInput  | onednn  | 2.3-3.7                       | oneDNN: 16-165                               |
 * | BatchMatMul,         | onednn  | 5-29 (asge's), ~2 transposed  | dnnl_sgemm, any transposition: ~110-150 at   |
 * |  _FusedMatMul        |         |                               | 512^3                                        |
 * | RmsPoolChannelNorm   | wasm,   | none: ~10 composed ops        | one pass over the heap: 1.0-1.9x the         |
 * |                      | onednn  |                               | composed ops (rms_pool_channel_norm.ts)      |
 *
 * For scale: wasm's forward Conv2D runs these shapes at 25-29 GFLOP/s (1 ch: 5, 3 ch: 6-11), tfjs's cpu
 * backend computes weight gradients at 0.01-0.02 GFLOP/s. cpu gets nothing: it is the reference the
 * conformance suite compares against. webgpu's input gradient and matMul stay tfjs's (the flipped conv was not
 * reliably faster there).
 * Measured with `deno run -A bench/backend_kernels_bench.ts` (batch 64 and 256, ASGE's 3x3 same shapes, one
 * wasm thread, 2-core EPYC; webgpu on Mesa lavapipe, not a real GPU). The onednn rows: one thread, batch 64,
 * 3x3 same, the shapes and method in `onednn/conv_layout.ts`; onednn also carries every wasm kernel
 * (`onednn/onednn_backend.ts`), so what it does not replace runs as on wasm.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { rememberReplacedKernel } from "./_kernel_call.ts";
import type { KernelConfig } from "./_kernel_types.ts";
import { batchMatMulConfig } from "./batch_mat_mul.ts";
import { conv2dBackpropFilterConfig, conv2dBackpropFilterWebgpuConfig } from "./conv2d_backprop_filter.ts";
import { conv2dBackpropInputConfig } from "./conv2d_backprop_input.ts";
import { rmsPoolChannelNormConfig, rmsPoolChannelNormOnednnConfig } from "./rms_pool_channel_norm.ts";
import { onednnBatchMatMulConfig, onednnFusedMatMulConfig } from "./onednn/batch_mat_mul.ts";
import { onednnConv2dConfig, onednnFusedConv2dConfig } from "./onednn/conv2d.ts";
import {
  onednnConv2dBackpropFilterBiasConfig,
  onednnConv2dBackpropFilterConfig,
} from "./onednn/conv2d_backprop_filter.ts";
import { onednnConv2dBackpropInputConfig } from "./onednn/conv2d_backprop_input.ts";

/** Every kernel asge adds, each with the backend it is for (see the table above). */
export const ASGE_KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  batchMatMulConfig,
  conv2dBackpropFilterWebgpuConfig,
  onednnConv2dConfig,
  onednnFusedConv2dConfig,
  onednnConv2dBackpropFilterConfig,
  onednnConv2dBackpropFilterBiasConfig,
  onednnConv2dBackpropInputConfig,
  onednnBatchMatMulConfig,
  onednnFusedMatMulConfig,
  rmsPoolChannelNormConfig,
  rmsPoolChannelNormOnednnConfig,
];

/**
 * Registers asge's kernels for one backend, replacing tfjs's own where ours measured faster; the replaced one
 * stays reachable for the cases ours hands back, and keeps its setup (tfjs runs kernel setups when a backend
 * starts, so a replacement registered before `tf.setBackend` carries the native setup along). Idempotent.
 *
 * @param backendName A tfjs backend name, e.g. "wasm".
 * @returns The names of asge's kernels now active on that backend (empty for backends that need none).
 * @example cpu needs none
 * ```ts
 * import { registerAsgeKernels } from "./register_kernels.ts";
 * if (registerAsgeKernels("cpu").length !== 0) throw new Error("cpu is the reference; it gets no kernels");
 * ```
 */
export function registerAsgeKernels(backendName: string): string[] {
  const active: string[] = [];
  for (const config of ASGE_KERNELS) {
    if (config.backendName !== backendName) continue;
    // asge's configs have tfjs's KernelConfig shape, declared locally (see _kernel_types.ts).
    const current = tf.getKernel(config.kernelName, backendName) as unknown as NativeKernel | undefined;
    if (current?.kernelFunc !== config.kernelFunc) {
      if (current !== undefined) {
        rememberReplacedKernel(current);
        tf.unregisterKernel(config.kernelName, backendName);
      }
      const setup = { setupFunc: current?.setupFunc, disposeFunc: current?.disposeFunc };
      tf.registerKernel({ ...config, ...setup } as unknown as tf.KernelConfig);
    }
    active.push(config.kernelName);
  }
  return active;
}

/** A registered tfjs kernel, with the optional hooks a replacement must keep. */
interface NativeKernel extends KernelConfig {
  readonly setupFunc?: unknown;
  readonly disposeFunc?: unknown;
}
