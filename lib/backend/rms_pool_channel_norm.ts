/**
 * `RmsPoolChannelNorm`, a kernel tfjs does not have: a block's path to the next block (RMS pool, then LayerNorm
 * over channels) in one pass over the wasm heap, for the wasm and onednn backends.
 * @module
 */
import type { KernelArgs, KernelConfig, TensorInfo } from "./_kernel_types.ts";
import type { WasmBackend } from "./onednn/_wasm_heap.ts";

/**
 * The kernel name. `AsgeBlock.next` (`lib/model/asge_block.ts`) runs it where the backend registers it, and
 * otherwise composes tfjs ops (square, avgPool, sqrt, moments, ...), about ten passes over the feature map.
 */
export const RMS_POOL_CHANNEL_NORM = "RmsPoolChannelNorm";

/**
 * x_{l+1} = LayerNorm_C(sqrt(avgPool_s(Y^2) + eps_rms)), or LayerNorm_C(Y) for s = 1, with LayerNorm's
 * statistics over the channels of each pixel (biased variance, no affine). Sums run in float64. The composed
 * tfjs ops make ten or so passes and as many dispatches; this reads Y once and writes x_{l+1} once. Medians of
 * 8 alternating calls after warm-up, batch 64, one core at load average 4: 28 x 28 x 32 pool 2 (quick's block 1)
 * 3.7 against 7.2 ms; 14 x 14 x 64 pool 2: 1.6 against 1.5-1.9; 28 x 28 x 64 pool 1: 18.6 against 28.9;
 * 28 x 28 x 128 pool 2: 20.6 against 29.3; 32 x 32 x 64 pool 2: 12.8 against 14.3. tfjs's wasm ops are
 * faster than a JavaScript loop on a single elementwise pass (a broadcast multiply: 1.1 against 2.6 ms), so
 * only this chain of ten is worth replacing.
 *
 * @param args tfjs kernel arguments: input `x` [N, H, W, C] (NHWC, float32); attrs `pool` (s), `rmsEpsilon`,
 *   `normEpsilon`.
 * @returns [N, floor(H / s), floor(W / s), C].
 */
export function rmsPoolChannelNorm(args: KernelArgs): TensorInfo {
  const { x } = args.inputs as { x: TensorInfo };
  const { pool, rmsEpsilon, normEpsilon } = args.attrs as {
    pool: number;
    rmsEpsilon: number;
    normEpsilon: number;
  };
  const [n, h, w, c] = x.shape;
  const [oh, ow] = [Math.floor(h / pool), Math.floor(w / pool)];
  const backend = args.backend as WasmBackend;
  const out = backend.makeOutput([n, oh, ow, c], "float32");
  // Views of exactly the two tensors keep the indices small integers (a view of the whole heap, gigabytes
  // long, measured 1.3x slower).
  const buffer = backend.wasm.HEAPU8.buffer;
  const input = new Float32Array(buffer, backend.dataIdMap.get(x.dataId)!.memoryOffset, n * h * w * c);
  const output = new Float32Array(buffer, backend.dataIdMap.get(out.dataId)!.memoryOffset, n * oh * ow * c);
  const from = 0;
  let o = 0;
  const row = new Float64Array(c);
  const area = 1 / (pool * pool);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        if (pool === 1) {
          const base = from + ((b * h + i) * w + j) * c;
          for (let k = 0; k < c; k++) row[k] = input[base + k];
        } else {
          row.fill(0);
          for (let di = 0; di < pool; di++) {
            for (let dj = 0; dj < pool; dj++) {
              const base = from + ((b * h + i * pool + di) * w + j * pool + dj) * c;
              for (let k = 0; k < c; k++) {
                const v = input[base + k];
                row[k] += v * v;
              }
            }
          }
          for (let k = 0; k < c; k++) row[k] = Math.sqrt(row[k] * area + rmsEpsilon);
        }
        let mean = 0;
        for (let k = 0; k < c; k++) mean += row[k];
        mean /= c;
        let variance = 0;
        for (let k = 0; k < c; k++) variance += (row[k] - mean) * (row[k] - mean);
        const scale = 1 / Math.sqrt(variance / c + normEpsilon);
        for (let k = 0; k < c; k++) output[o++] = (row[k] - mean) * scale;
      }
    }
  }
  return out;
}

/** `RmsPoolChannelNorm` on the wasm backend. */
export const rmsPoolChannelNormConfig: KernelConfig = {
  kernelName: RMS_POOL_CHANNEL_NORM,
  backendName: "wasm",
  kernelFunc: rmsPoolChannelNorm,
};

/** `RmsPoolChannelNorm` on the onednn backend (the same wasm heap). */
export const rmsPoolChannelNormOnednnConfig: KernelConfig = {
  ...rmsPoolChannelNormConfig,
  backendName: "onednn",
};
