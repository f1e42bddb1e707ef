/**
 * The bench's "of peak": the bare oneDNN convolution primitives (forward with bias and ReLU, weight with bias
 * gradient) timed on the conv shapes of a case's plan, at its batch and threads, in the same run
 * (`measureOnednnPeak` of `lib/backend/onednn/`). A training step cannot beat running just those primitives
 * back to back, so asge's and PyTorch's end-to-end training GFLOP/s are reported as a share of theirs.
 * @module
 */
import type { NetworkPlan } from "../lib/model/network_plan.ts";

/** One block's conv under the bare primitives: per batch, what it costs at the primitives' speed. */
export interface BlockPrimitiveTimes {
  /** FLOPs of the conv per batch (2 per multiply-add; the weight gradient costs the same). */
  readonly flops: number;
  /** Forward (bias, ReLU) on tfjs's NHWC/HWIO buffers, ms per batch. */
  readonly forwardMs: number;
  /** Weight and bias gradient on the same buffers, ms per batch. */
  readonly weightGradientMs: number;
  /** Forward in oneDNN's blocked layouts (reorders not timed), ms per batch: the library's best case. */
  readonly forwardBlockedMs: number;
  /** Weight gradient in blocked layouts, ms per batch. */
  readonly weightGradientBlockedMs: number;
}

/** The reference for one preset, batch and thread count. */
export interface PrimitivePeak {
  /** E.g. "oneDNN 2.6.3 (libdnnl.so.2, OpenMP, 2 threads)". */
  readonly library: string;
  /** Threads oneDNN ran with. */
  readonly threads: number;
  /** Images per batch. */
  readonly batchSize: number;
  /** Per block. */
  readonly blocks: BlockPrimitiveTimes[];
  /** The convs' forward + weight-gradient FLOPs over their time, tfjs layouts (what asge's kernels run). */
  readonly gflops: number;
  /** The same in blocked layouts. */
  readonly blockedGflops: number;
  /** `dnnl_sgemm` n^3 GFLOP/s at these threads, when measured. */
  readonly sgemm?: { readonly size: number; readonly gflops: number };
}

/** The part of `measureOnednnPeak`'s answer the bench reads (kept here so a change there shows in `deno check`). */
interface OnednnPeakLike {
  readonly library: string;
  readonly threads: number;
  readonly convolutions: readonly {
    readonly flops: number;
    readonly forward: number;
    readonly weightGradient: number;
    readonly forwardBlocked: number;
    readonly weightGradientBlocked: number;
  }[];
  readonly sgemm?: { readonly size: number; readonly gflops: number };
}

/** What the bench needs from the oneDNN side. */
export type MeasureOnednnPeak = (
  shapes: readonly {
    batch: number;
    size: number;
    inChannels: number;
    outChannels: number;
    kernelSize?: number;
  }[],
  options: { threads?: number; sgemmSize?: number; minSeconds?: number },
) => OnednnPeakLike;

const MODULE = "../lib/backend/onednn/measure_onednn_peak.ts";

/**
 * Turns oneDNN's per-shape GFLOP/s into per-block times of one batch and the reference GFLOP/s.
 *
 * @param peak What `measureOnednnPeak` returned, one convolution per block of the plan.
 * @param batchSize Images per batch it was measured at.
 * @returns The reference.
 * @example Two blocks, the second twice as slow
 * ```ts
 * import { primitivePeakFrom } from "./primitive_peak.ts";
 * const conv = (gflops: number) => ({
 *   flops: 1e9, forward: gflops, weightGradient: gflops, forwardBlocked: gflops, weightGradientBlocked: gflops,
 * });
 * const peak = primitivePeakFrom({ library: "test", threads: 1, convolutions: [conv(100), conv(50)] }, 8);
 * console.log(peak.blocks[1].forwardMs, Math.round(peak.gflops)); // 20 67
 * ```
 */
export function primitivePeakFrom(peak: OnednnPeakLike, batchSize: number): PrimitivePeak {
  const ms = (flops: number, gflops: number) => (flops / (gflops * 1e9)) * 1000;
  const blocks = peak.convolutions.map((c) => ({
    flops: c.flops,
    forwardMs: ms(c.flops, c.forward),
    weightGradientMs: ms(c.flops, c.weightGradient),
    forwardBlockedMs: ms(c.flops, c.forwardBlocked),
    weightGradientBlockedMs: ms(c.flops, c.weightGradientBlocked),
  }));
  const flops = 2 * blocks.reduce((s, b) => s + b.flops, 0);
  const seconds = (pick: (b: BlockPrimitiveTimes) => number) =>
    blocks.reduce((s, b) => s + pick(b), 0) / 1000;
  return {
    library: peak.library,
    threads: peak.threads,
    batchSize,
    blocks,
    gflops: flops / seconds((b) => b.forwardMs + b.weightGradientMs) / 1e9,
    blockedGflops: flops / seconds((b) => b.forwardBlockedMs + b.weightGradientBlockedMs) / 1e9,
    ...(peak.sgemm ? { sgemm: peak.sgemm } : {}),
  };
}

/** Per shape and primitive, the higher GFLOP/s of two measurements of the same shapes. */
function fasterOf(a: OnednnPeakLike, b: OnednnPeakLike): OnednnPeakLike {
  return {
    library: a.library,
    threads: a.threads,
    convolutions: a.convolutions.map((c, i) => {
      const d = b.convolutions[i];
      return {
        flops: c.flops,
        forward: Math.max(c.forward, d.forward),
        weightGradient: Math.max(c.weightGradient, d.weightGradient),
        forwardBlocked: Math.max(c.forwardBlocked, d.forwardBlocked),
        weightGradientBlocked: Math.max(c.weightGradientBlocked, d.weightGradientBlocked),
      };
    }),
    ...(a.sgemm && b.sgemm
      ? { sgemm: { size: a.sgemm.size, gflops: Math.max(a.sgemm.gflops, b.sgemm.gflops) } }
      : {}),
  };
}

/**
 * Measures the bare primitives on every block's conv of `plan` at `batchSize` and `threads`. Loaded by a
 * non-literal import, so the bench still runs in a checkout without the onednn backend.
 *
 * @param plan The network's plan (the conv of each block: H = W, C_in, C_out, k; "same" padding, stride 1).
 * @param batchSize Images per batch.
 * @param threads oneDNN threads (set in this process for the measurement).
 * @param sgemmSize Side of a `dnnl_sgemm` product to time as well (0: none).
 * @returns The reference, or why it could not be measured (no onednn module, oneDNN not installed).
 */
export async function measurePrimitivePeak(
  plan: NetworkPlan,
  batchSize: number,
  threads: number,
  sgemmSize: number,
): Promise<PrimitivePeak | { unavailable: string }> {
  let measure: MeasureOnednnPeak;
  try {
    const module = await import(new URL(MODULE, import.meta.url).href);
    measure = module.measureOnednnPeak as MeasureOnednnPeak;
    if (typeof measure !== "function") return { unavailable: `${MODULE} exports no measureOnednnPeak()` };
  } catch (error) {
    return { unavailable: `no oneDNN peak in this checkout (${MODULE}: ${(error as Error).message})` };
  }
  const shapes = plan.blocks.map((b) => {
    const [h, w, c] = b.inputShape;
    if (h !== w) throw new RangeError(`measurePrimitivePeak: block input ${h}x${w} is not square`);
    return { batch: batchSize, size: h, inChannels: c, outChannels: b.channels, kernelSize: b.kernelSize };
  });
  try {
    // Twice, keeping each primitive's faster run: on a shared machine one pass is easily interrupted, and a
    // ceiling measured low would flatter every "of oneDNN" share.
    const runs = [0, 1].map(() => measure(shapes, { threads, sgemmSize, minSeconds: 0.25 }));
    return primitivePeakFrom(fasterOf(runs[0], runs[1]), batchSize);
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}
