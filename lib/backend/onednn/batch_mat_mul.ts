/**
 * `BatchMatMul` and `_FusedMatMul` (bias, ReLU) on oneDNN's `dnnl_sgemm`, any transposition, computing on the
 * wasm heap.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { callKernel } from "../_kernel_call.ts";
import type { KernelArgs, KernelConfig, TensorInfo } from "../_kernel_types.ts";
import { check } from "./onednn_library.ts";
import { onednn } from "./_onednn_call.ts";
import { heapPointer, type WasmBackend } from "./_wasm_heap.ts";

const T = "T".charCodeAt(0);
const N = "N".charCodeAt(0);

interface MatMulAttrs {
  transposeA?: boolean;
  transposeB?: boolean;
  activation?: string;
}

function product(args: KernelArgs, kernelName: string): TensorInfo {
  const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
  const attrs = (args.attrs ?? {}) as MatMulAttrs;
  const activation = attrs.activation ?? "linear";
  const ta = attrs.transposeA === true;
  const tb = attrs.transposeB === true;
  const ra = a!.shape.length;
  const rb = b!.shape.length;
  const m = a!.shape[ta ? ra - 1 : ra - 2];
  const k = a!.shape[ta ? ra - 2 : ra - 1];
  const n = b!.shape[tb ? rb - 2 : rb - 1];
  const size = (s: number[]) => s.reduce((p, d) => p * d, 1);
  const batchA = size(a!.shape.slice(0, -2));
  const batchB = size(b!.shape.slice(0, -2));
  const batches = Math.max(batchA, batchB);
  const outer = (batchA >= batchB ? a! : b!).shape.slice(0, -2);
  const biasSize = bias === undefined ? 0 : size(bias.shape);
  const supported = (batchA === batchB || batchA === 1 || batchB === 1) && m * n * k > 0 &&
    (activation === "linear" || activation === "relu") && preluActivationWeights === undefined &&
    (bias === undefined || biasSize === n || biasSize === 1);
  if (!supported) return callKernel(kernelName, args.backend, args.inputs, args.attrs);
  const backend = args.backend as WasmBackend;
  const out = backend.makeOutput([...outer, m, n], "float32");
  const heap = () => new Float32Array(backend.wasm.HEAPU8.buffer);
  const outOffset = backend.dataIdMap.get(out.dataId)!.memoryOffset / 4;
  if (bias !== undefined) {
    const h = heap();
    const biasOffset = backend.dataIdMap.get(bias.dataId)!.memoryOffset / 4;
    for (let row = 0; row < batches * m; row++) {
      const base = outOffset + row * n;
      for (let j = 0; j < n; j++) h[base + j] = h[biasOffset + (biasSize === 1 ? 0 : j)];
    }
  }
  const { dnnl } = onednn();
  const pa = heapPointer(backend, a!);
  const pb = heapPointer(backend, b!);
  const pc = heapPointer(backend, out);
  const beta = bias === undefined ? 0 : 1;
  for (let i = 0; i < batches; i++) {
    const at = Deno.UnsafePointer.offset(pa!, 4 * (batchA === 1 ? 0 : i) * m * k);
    const bt = Deno.UnsafePointer.offset(pb!, 4 * (batchB === 1 ? 0 : i) * k * n);
    const ct = Deno.UnsafePointer.offset(pc!, 4 * i * m * n);
    const [bm, bn, bk] = [BigInt(m), BigInt(n), BigInt(k)];
    const status = dnnl.dnnl_sgemm(
      ta ? T : N,
      tb ? T : N,
      bm,
      bn,
      bk,
      1,
      at,
      ta ? bm : bk,
      bt,
      tb ? bk : bn,
      beta,
      ct,
      bn,
    );
    check(status, `sgemm ${m}x${k} . ${k}x${n}`);
  }
  if (activation === "relu") {
    const h = heap();
    const end = outOffset + batches * m * n;
    for (let i = outOffset; i < end; i++) if (h[i] < 0) h[i] = 0;
  }
  return out;
}

/**
 * a·b with either side transposed, batched (equal batch sizes, or one side broadcast).
 *
 * @param args tfjs kernel arguments: inputs `a` [..., M, K] (or [..., K, M] with `transposeA`), `b` [..., K, N]
 *   (or [..., N, K] with `transposeB`); attrs `transposeA`, `transposeB`.
 * @returns a·b [..., M, N].
 */
export function onednnBatchMatMul(args: KernelArgs): TensorInfo {
  return product(args, tf.BatchMatMul);
}

/**
 * act(a·b + bias) for a bias of N values (or one) and act linear or ReLU; others go to the wasm kernel.
 *
 * @param args As {@linkcode onednnBatchMatMul}, plus input `bias` and attr `activation`.
 * @returns [..., M, N].
 */
export function onednnFusedMatMul(args: KernelArgs): TensorInfo {
  return product(args, tf._FusedMatMul);
}

/** `BatchMatMul` on the onednn backend. */
export const onednnBatchMatMulConfig: KernelConfig = {
  kernelName: tf.BatchMatMul,
  backendName: "onednn",
  kernelFunc: onednnBatchMatMul,
};

/** `_FusedMatMul` on the onednn backend. */
export const onednnFusedMatMulConfig: KernelConfig = {
  kernelName: tf._FusedMatMul,
  backendName: "onednn",
  kernelFunc: onednnFusedMatMul,
};
