/**
 * The speed of bare oneDNN on given shapes, without tfjs: the reference a benchmark reports "of peak" against.
 * @module
 */
import { type ConvLayout, ConvPrimitive, type ConvSpec } from "./_conv_primitive.ts";
import { convLayout } from "./conv_layout.ts";
import { check, openOnednn } from "./onednn_library.ts";

/** A 3x3-style convolution as ASGE's blocks use it (NHWC, square kernel, "same" padding unless told). */
export interface PeakConvShape {
  /** N. */
  readonly batch: number;
  /** H = W of the input. */
  readonly size: number;
  /** C_in. */
  readonly inChannels: number;
  /** C_out. */
  readonly outChannels: number;
  /** k (default 3). */
  readonly kernelSize?: number;
  /** Stride (default 1). */
  readonly stride?: number;
}

/** GFLOP/s (2 FLOPs per multiply-add) of one shape's primitives, fastest of the timed calls. */
export interface PeakConvResult {
  /** The shape. */
  readonly shape: PeakConvShape;
  /** Multiply-adds times 2, per call. */
  readonly flops: number;
  /** Forward with bias and ReLU on tfjs's NHWC/HWIO buffers, as asge's kernel runs it (its layout, filter
   * reorder included). */
  readonly forward: number;
  /** Weight and bias gradient on the same buffers, as asge's kernel runs it. */
  readonly weightGradient: number;
  /** Forward in oneDNN's own blocked layouts, reorders not timed (the library's best case). */
  readonly forwardBlocked: number;
  /** Weight gradient in blocked layouts, reorders not timed. */
  readonly weightGradientBlocked: number;
}

/** What {@linkcode measureOnednnPeak} measured. */
export interface OnednnPeak {
  /** "oneDNN 2.6.3 (libdnnl.so.2, OpenMP, 1 thread)". */
  readonly library: string;
  /** Threads oneDNN used. */
  readonly threads: number;
  /** Per shape. */
  readonly convolutions: PeakConvResult[];
  /** `dnnl_sgemm` GFLOP/s on an n x n x n product, or undefined when not asked for. */
  readonly sgemm?: { readonly size: number; readonly gflops: number };
}

/** Options of {@linkcode measureOnednnPeak}. */
export interface PeakOptions {
  /** Threads for oneDNN (default: leave as set). */
  readonly threads?: number;
  /** Side of the sgemm product (default 512; 0 skips it). */
  readonly sgemmSize?: number;
  /** Seconds each measurement runs at least (default 0.2). */
  readonly minSeconds?: number;
}

function fastest(run: () => void, minSeconds: number): number {
  run(); // builds caches and pages in the buffers
  let best = Infinity;
  const until = performance.now() + 1000 * minSeconds;
  let calls = 0;
  while (calls < 3 || performance.now() < until) {
    const t0 = performance.now();
    run();
    best = Math.min(best, (performance.now() - t0) / 1000);
    calls++;
  }
  return best;
}

function spec(shape: PeakConvShape, pass: ConvSpec["pass"], layout: ConvLayout): ConvSpec {
  const k = shape.kernelSize ?? 3;
  const s = shape.stride ?? 1;
  const out = Math.ceil(shape.size / s);
  const total = Math.max(0, (out - 1) * s + k - shape.size);
  const before = Math.floor(total / 2);
  return {
    pass,
    layout,
    n: shape.batch,
    h: shape.size,
    w: shape.size,
    ci: shape.inChannels,
    oh: out,
    ow: out,
    co: shape.outChannels,
    kh: k,
    kw: k,
    sh: s,
    sw: s,
    pt: before,
    pl: before,
    pb: total - before,
    pr: total - before,
    bias: true,
    relu: pass === "forward",
  };
}

/**
 * Times oneDNN's convolution forward (bias, ReLU) and weight-gradient primitives and `dnnl_sgemm` on native
 * buffers, in tfjs's layouts and in oneDNN's blocked ones (primitive only). Blocks the calling thread for
 * about `4 * shapes.length * minSeconds` seconds.
 *
 * @param shapes The convolutions to time.
 * @param options Threads, sgemm size, time per measurement.
 * @returns GFLOP/s per shape and primitive.
 * @throws When oneDNN is not available here (the message says what to install).
 * @example One small shape
 * ```ts
 * import { measureOnednnPeak } from "./measure_onednn_peak.ts";
 * import { openOnednn } from "./onednn_library.ts";
 * if (openOnednn().loaded) {
 *   const peak = measureOnednnPeak([{ batch: 2, size: 8, inChannels: 4, outChannels: 8 }], { minSeconds: 0.01, sgemmSize: 64 });
 *   if (!(peak.convolutions[0].forward > 0 && peak.sgemm!.gflops > 0)) throw new Error("no speed measured");
 * }
 * ```
 */
export function measureOnednnPeak(shapes: readonly PeakConvShape[], options: PeakOptions = {}): OnednnPeak {
  const lib = openOnednn();
  if (!lib.loaded) throw new Error(`measureOnednnPeak: ${lib.reason}`);
  if (options.threads !== undefined) lib.setThreads(options.threads);
  const minSeconds = options.minSeconds ?? 0.2;
  const p = (a: Float32Array<ArrayBuffer>) => Deno.UnsafePointer.of(a);
  // Buffers on explicit ArrayBuffers: V8 may move small typed arrays made from a length, and the primitives
  // keep these addresses across calls.
  const floats = (n: number, fill: () => number) => {
    const array = new Float32Array(new ArrayBuffer(4 * n));
    for (let i = 0; i < n; i++) array[i] = fill();
    return array;
  };
  const convolutions = shapes.map((shape): PeakConvResult => {
    const f = spec(shape, "forward", "plain");
    const x = floats(f.n * f.h * f.w * f.ci, () => Math.random() - 0.5);
    const w = floats(f.kh * f.kw * f.ci * f.co, () => Math.random() - 0.5);
    const b = floats(f.co, () => 0);
    const y = floats(f.n * f.oh * f.ow * f.co, () => Math.random() - 0.5);
    const flops = 2 * f.n * f.oh * f.ow * f.co * f.kh * f.kw * f.ci;
    const time = (pass: ConvSpec["pass"], layout: ConvLayout | "asge", primitiveOnly: boolean) => {
      const plain = spec(shape, pass, "plain");
      const primitive = new ConvPrimitive(
        lib,
        layout === "asge" ? { ...plain, layout: convLayout(plain) } : spec(shape, pass, layout),
      );
      try {
        const buffers = { x: p(x), filter: p(w), bias: p(b), y: p(y) };
        const seconds = fastest(
          () => primitiveOnly ? primitive.runPrimitiveOnly(buffers) : primitive.run(buffers),
          minSeconds,
        );
        return flops / seconds / 1e9;
      } finally {
        primitive.dispose();
      }
    };
    return {
      shape,
      flops,
      forward: time("forward", "asge", false),
      weightGradient: time("backward-weights", "asge", false),
      forwardBlocked: time("forward", "blocked", true),
      weightGradientBlocked: time("backward-weights", "blocked", true),
    };
  });
  const size = options.sgemmSize ?? 512;
  let sgemm: OnednnPeak["sgemm"];
  if (size > 0) {
    const a = floats(size * size, () => Math.random());
    const c = floats(size * size, () => 0);
    const n = BigInt(size);
    const N = "N".charCodeAt(0);
    const seconds = fastest(() => {
      check(lib.dnnl.dnnl_sgemm(N, N, n, n, n, 1, p(a), n, p(a), n, 0, p(c), n), "sgemm");
    }, minSeconds);
    sgemm = { size, gflops: (2 * size ** 3) / seconds / 1e9 };
  }
  const threads = lib.threads();
  const library = `oneDNN ${lib.version} (${lib.path}, ${lib.runtime}, ${threads} thread${
    threads === 1 ? "" : "s"
  })`;
  return { library, threads, convolutions, sgemm };
}
