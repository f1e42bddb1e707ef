/**
 * A `BatchMatMul` for the wasm backend that keeps transposed products on XNNPACK.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { KernelArgs, KernelConfig, TensorInfo } from "./_kernel_types.ts";
import { callKernel, release, transposeInfo } from "./_kernel_call.ts";

/**
 * tfjs-backend-wasm sends a matMul to XNNPACK only when neither side is transposed and there is one batch;
 * any transposed product (`transposeB` in a projection, `transposeA` in every weight gradient of a dense layer)
 * falls to a plain loop at ~2 GFLOP/s. Transposing the operand first costs one memory pass and runs the product
 * through XNNPACK: 4-10x faster on the shapes measured (see the table in `register_kernels.ts`). Batched
 * products are left to tfjs's kernel unchanged.
 *
 * @param args tfjs kernel arguments: inputs `a` [..., M, K] (or [..., K, M] with `transposeA`) and `b`
 *   [..., K, N] (or [..., N, K] with `transposeB`); attrs `transposeA`, `transposeB`.
 * @returns a·b [..., M, N].
 */
export function batchMatMul(args: KernelArgs): TensorInfo {
  const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
  const batches = (s: number[]) => s.slice(0, -2).reduce((p, d) => p * d, 1);
  if ((!transposeA && !transposeB) || batches(a.shape) !== 1 || batches(b.shape) !== 1) {
    return callKernel(tf.BatchMatMul, args.backend, args.inputs, args.attrs);
  }
  const swapLast = (rank: number) => [...Array(rank - 2).keys(), rank - 1, rank - 2];
  const a2 = transposeA ? transposeInfo(args.backend, a, swapLast(a.shape.length)) : a;
  const b2 = transposeB ? transposeInfo(args.backend, b, swapLast(b.shape.length)) : b;
  const out = callKernel(tf.BatchMatMul, args.backend, { a: a2, b: b2 }, {
    transposeA: false,
    transposeB: false,
  });
  if (a2 !== a) release(args.backend, a2);
  if (b2 !== b) release(args.backend, b2);
  return out;
}

/** `BatchMatMul` for the wasm backend; replaces tfjs's own in {@linkcode registerAsgeKernels}. */
export const batchMatMulConfig: KernelConfig = {
  kernelName: tf.BatchMatMul,
  backendName: "wasm",
  kernelFunc: batchMatMul,
};
