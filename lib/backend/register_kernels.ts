/**
 * The one place asge adds kernels to tfjs backends.
 *
 * | kernel               | backend | tfjs has one?            | why ours                                  | measured (GFLOP/s) |
 * |----------------------|---------|--------------------------|-------------------------------------------|--------------------|
 * | Conv2DBackpropFilter | wasm    | no: training fails       | conv weight gradient via XNNPACK Conv2D   | TABLE_FILTER       |
 * | Conv2DBackpropInput  | wasm    | yes, plain loop          | conv with flipped kernel via XNNPACK      | TABLE_INPUT        |
 * | BatchMatMul          | wasm    | yes, XNNPACK untransposed| transpose first, then XNNPACK             | TABLE_MATMUL       |
 *
 * cpu and webgpu get nothing: cpu is the reference the conformance suite compares against, and webgpu has all
 * three kernels natively. Numbers: `deno run -A bench/backend_kernels_bench.ts` on this machine (2-core EPYC,
 * 1 wasm thread).
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { rememberReplacedKernel } from "./_kernel_call.ts";
import type { KernelConfig } from "./_kernel_types.ts";
import { batchMatMulConfig } from "./batch_mat_mul.ts";
import { conv2dBackpropFilterConfig } from "./conv2d_backprop_filter.ts";
import { conv2dBackpropInputConfig } from "./conv2d_backprop_input.ts";

/** Every kernel asge adds, each with the backend it is for (see the table above). */
export const ASGE_KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  batchMatMulConfig,
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
