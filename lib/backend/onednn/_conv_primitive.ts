/**
 * Private: oneDNN convolution primitives (forward with bias and ReLU, weight gradient with bias gradient, input
 * gradient) on tfjs's NHWC activations and HWIO filters, built once per shape and cached.
 * @module
 */
import { DNNL2_ENUMS as E, DNNL2_LAYOUT as L } from "./_abi.ts";
import { check, type OnednnLibrary } from "./onednn_library.ts";

/** Which convolution primitive. */
export type ConvPass = "forward" | "backward-weights" | "backward-data";

/**
 * Memory formats the primitive runs on: "plain" computes straight on tfjs's NHWC/HWIO buffers; "blocked-weights"
 * lets oneDNN pick the filter's format and reorders the (small) filter each call; "blocked" does that for every
 * tensor. See the measurements in `conv_layout.ts`.
 */
export type ConvLayout = "plain" | "blocked-weights" | "blocked";

/** One convolution, NHWC/HWIO, dilation 1. */
export interface ConvSpec {
  readonly pass: ConvPass;
  readonly layout: ConvLayout;
  /** N, H, W, C_in of the forward input. */
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly ci: number;
  /** Ho, Wo, C_out of the forward output. */
  readonly oh: number;
  readonly ow: number;
  readonly co: number;
  /** kh, kw. */
  readonly kh: number;
  readonly kw: number;
  /** Strides. */
  readonly sh: number;
  readonly sw: number;
  /** Padding: top, left, bottom, right. */
  readonly pt: number;
  readonly pl: number;
  readonly pb: number;
  readonly pr: number;
  /** Forward: add a bias; backward-weights: also compute the bias gradient. */
  readonly bias: boolean;
  /** Forward: ReLU as a post-op. */
  readonly relu: boolean;
}

/** The DNNL_ARG_* roles of a convolution, in tfjs terms. */
export type ConvRole = "x" | "filter" | "bias" | "y";

/** Pointers to tfjs's buffers for each role of a pass. */
export type ConvBuffers = Partial<Record<ConvRole, Deno.PointerValue>>;

interface Arg {
  readonly role: ConvRole;
  readonly argId: number;
  /** The memory object the primitive reads or writes (user buffer, or a scratch in oneDNN's format). */
  readonly memory: Deno.PointerValue;
  /** When the formats differ: the memory on the user buffer and the reorder between the two. */
  readonly user?: { memory: Deno.PointerValue; reorder: Deno.PointerValue; keep: Uint8Array };
  /** Written by the primitive (reorder after), else read (reorder before). */
  readonly output: boolean;
}

const MD = L.sizeof_memory_desc;

function dims(values: number[]): BigInt64Array {
  const out = new BigInt64Array(new ArrayBuffer(8 * L.DNNL_MAX_NDIMS));
  values.forEach((v, i) => out[i] = BigInt(v));
  return out;
}

/**
 * The address of a typed array's data. Every array handed to oneDNN is built on an explicit `ArrayBuffer`: V8
 * keeps small typed arrays made from a length inside its moving heap, where an address does not stay valid.
 */
function ptr(buffer: ArrayBufferView): Deno.PointerValue {
  return Deno.UnsafePointer.of(buffer as Uint8Array<ArrayBuffer>);
}

function memoryDesc(lib: OnednnLibrary, shape: number[], tag: number): Uint8Array {
  const md = new Uint8Array(new ArrayBuffer(MD));
  const d = dims(shape);
  check(
    lib.dnnl.dnnl_memory_desc_init_by_tag(ptr(md), shape.length, ptr(d), E.dnnl_f32, tag),
    "memory_desc_init",
  );
  return md;
}

/** A built primitive with its memory objects; `run` binds tfjs's buffers and executes. */
export class ConvPrimitive {
  readonly spec: ConvSpec;
  /** oneDNN's name for the implementation it chose, e.g. "brg:avx512_core". */
  readonly implementation: string;
  readonly #lib: OnednnLibrary;
  readonly #primitive: Deno.PointerValue;
  readonly #args: Arg[];
  readonly #execArgs: BigUint64Array;
  readonly #reorderArgs = new BigUint64Array(new ArrayBuffer(32));

  constructor(lib: OnednnLibrary, spec: ConvSpec) {
    this.spec = spec;
    this.#lib = lib;
    const { dnnl } = lib;
    const any = E.dnnl_format_tag_any;
    const actTag = spec.layout === "blocked" ? any : E.dnnl_nhwc;
    const wTag = spec.layout === "plain" ? E.dnnl_hwio : any;
    const shapes: Record<ConvRole, number[]> = {
      x: [spec.n, spec.ci, spec.h, spec.w],
      filter: [spec.co, spec.ci, spec.kh, spec.kw],
      bias: [spec.co],
      y: [spec.n, spec.co, spec.oh, spec.ow],
    };
    const userTags: Record<ConvRole, number> = {
      x: E.dnnl_nhwc,
      filter: E.dnnl_hwio,
      bias: E.dnnl_a,
      y: E.dnnl_nhwc,
    };
    const primTags: Record<ConvRole, number> = { x: actTag, filter: wTag, bias: E.dnnl_a, y: actTag };
    const md = (role: ConvRole) => memoryDesc(lib, shapes[role], primTags[role]);
    const strides = dims([spec.sh, spec.sw]);
    const padL = dims([spec.pt, spec.pl]);
    const padR = dims([spec.pb, spec.pr]);
    const desc = new Uint8Array(new ArrayBuffer(L.sizeof_convolution_desc));
    const [x, f, b, y] = [md("x"), md("filter"), md("bias"), md("y")];
    const alg = E.dnnl_convolution_direct;
    const biasPtr = spec.bias ? ptr(b) : null;
    if (spec.pass === "forward") {
      check(
        dnnl.dnnl_convolution_forward_desc_init(
          ptr(desc),
          E.dnnl_forward_inference,
          alg,
          ptr(x),
          ptr(f),
          biasPtr,
          ptr(y),
          ptr(strides),
          ptr(padL),
          ptr(padR),
        ),
        "convolution_forward_desc_init",
      );
    } else if (spec.pass === "backward-weights") {
      check(
        dnnl.dnnl_convolution_backward_weights_desc_init(
          ptr(desc),
          alg,
          ptr(x),
          ptr(f),
          biasPtr,
          ptr(y),
          ptr(strides),
          ptr(padL),
          ptr(padR),
        ),
        "convolution_backward_weights_desc_init",
      );
    } else {
      check(
        dnnl.dnnl_convolution_backward_data_desc_init(
          ptr(desc),
          alg,
          ptr(x),
          ptr(f),
          ptr(y),
          ptr(strides),
          ptr(padL),
          ptr(padR),
        ),
        "convolution_backward_data_desc_init",
      );
    }
    const out = new BigUint64Array(new ArrayBuffer(8));
    let attr: Deno.PointerValue = null;
    let postOps: Deno.PointerValue = null;
    if (spec.relu && spec.pass === "forward") {
      check(dnnl.dnnl_primitive_attr_create(ptr(out)), "primitive_attr_create");
      attr = Deno.UnsafePointer.create(out[0]);
      check(dnnl.dnnl_post_ops_create(ptr(out)), "post_ops_create");
      postOps = Deno.UnsafePointer.create(out[0]);
      check(
        dnnl.dnnl_post_ops_append_eltwise(postOps, 1, E.dnnl_eltwise_relu, 0, 0),
        "post_ops_append_eltwise",
      );
      check(dnnl.dnnl_primitive_attr_set_post_ops(attr, postOps), "primitive_attr_set_post_ops");
    }
    const status = dnnl.dnnl_primitive_desc_create(ptr(out), ptr(desc), attr, lib.engine, null);
    if (attr !== null) dnnl.dnnl_primitive_attr_destroy(attr);
    if (postOps !== null) dnnl.dnnl_post_ops_destroy(postOps);
    check(status, `primitive_desc_create (${describe(spec)})`);
    const pd = Deno.UnsafePointer.create(out[0]);
    try {
      const info = new BigUint64Array(new ArrayBuffer(8));
      check(
        dnnl.dnnl_primitive_desc_query(pd, E.dnnl_query_impl_info_str, 0, ptr(info)),
        "query impl_info_str",
      );
      this.implementation = new Deno.UnsafePointerView(Deno.UnsafePointer.create(info[0])!).getCString();
      const roles: Array<[ConvRole, number, number, boolean]> = spec.pass === "forward"
        ? [["x", E.DNNL_ARG_SRC, E.dnnl_query_src_md, false], [
          "filter",
          E.DNNL_ARG_WEIGHTS,
          E.dnnl_query_weights_md,
          false,
        ], ["y", E.DNNL_ARG_DST, E.dnnl_query_dst_md, true]]
        : spec.pass === "backward-weights"
        ? [["x", E.DNNL_ARG_SRC, E.dnnl_query_src_md, false], [
          "y",
          E.DNNL_ARG_DIFF_DST,
          E.dnnl_query_diff_dst_md,
          false,
        ], ["filter", E.DNNL_ARG_DIFF_WEIGHTS, E.dnnl_query_diff_weights_md, true]]
        : [["y", E.DNNL_ARG_DIFF_DST, E.dnnl_query_diff_dst_md, false], [
          "filter",
          E.DNNL_ARG_WEIGHTS,
          E.dnnl_query_weights_md,
          false,
        ], ["x", E.DNNL_ARG_DIFF_SRC, E.dnnl_query_diff_src_md, true]];
      if (spec.bias && spec.pass === "forward") roles.push(["bias", E.DNNL_ARG_BIAS, 0, false]);
      if (spec.bias && spec.pass === "backward-weights") roles.push(["bias", E.DNNL_ARG_DIFF_BIAS, 0, true]);
      this.#args = roles.map(([role, argId, query, output]) => {
        const userMd = memoryDesc(lib, shapes[role], userTags[role]);
        const primMd = query === 0 ? ptr(userMd) : dnnl.dnnl_primitive_desc_query_md(pd, query, 0);
        const memory = (mdPtr: Deno.PointerValue, handle: Deno.PointerValue) => {
          check(dnnl.dnnl_memory_create(ptr(out), mdPtr, lib.engine, handle), "memory_create");
          return Deno.UnsafePointer.create(out[0]);
        };
        if (dnnl.dnnl_memory_desc_equal(ptr(userMd), primMd) === 1) {
          return { role, argId, memory: memory(ptr(userMd), null), output };
        }
        const bytes = Number(dnnl.dnnl_memory_desc_get_size(primMd));
        const keep = new Uint8Array(new ArrayBuffer(bytes + 64));
        const base = Deno.UnsafePointer.value(ptr(keep)) as bigint;
        const aligned = Deno.UnsafePointer.create((base + 63n) & ~63n);
        const inner = memory(primMd, aligned);
        const userMem = memory(ptr(userMd), null);
        const [srcMd, dstMd] = output ? [primMd, ptr(userMd)] : [ptr(userMd), primMd];
        check(
          dnnl.dnnl_reorder_primitive_desc_create(ptr(out), srcMd, lib.engine, dstMd, lib.engine, null),
          "reorder_pd",
        );
        const reorderPd = Deno.UnsafePointer.create(out[0]);
        check(dnnl.dnnl_primitive_create(ptr(out), reorderPd), "reorder primitive_create");
        dnnl.dnnl_primitive_desc_destroy(reorderPd);
        return {
          role,
          argId,
          memory: inner,
          user: { memory: userMem, reorder: Deno.UnsafePointer.create(out[0]), keep },
          output,
        };
      });
      check(dnnl.dnnl_primitive_create(ptr(out), pd), "primitive_create");
      this.#primitive = Deno.UnsafePointer.create(out[0]);
    } finally {
      dnnl.dnnl_primitive_desc_destroy(pd);
    }
    this.#execArgs = new BigUint64Array(new ArrayBuffer(16 * this.#args.length));
    this.#args.forEach((a, i) => {
      this.#execArgs[2 * i] = BigInt(a.argId);
      this.#execArgs[2 * i + 1] = BigInt(Deno.UnsafePointer.value(a.memory));
    });
  }

  /**
   * Runs the pass on tfjs's buffers.
   *
   * @param buffers Pointers for every role of the pass (x, filter, y; bias when the spec has one).
   */
  run(buffers: ConvBuffers): void {
    const { dnnl, stream } = this.#lib;
    for (const a of this.#args) {
      const handle = buffers[a.role];
      if (handle === undefined) {
        throw new Error(`oneDNN ${this.spec.pass} convolution needs the ${a.role} buffer`);
      }
      check(dnnl.dnnl_memory_set_data_handle(a.user?.memory ?? a.memory, handle), "memory_set_data_handle");
    }
    for (const a of this.#args) {
      if (a.user !== undefined && !a.output) this.#reorder(a.user.reorder, a.user.memory, a.memory);
    }
    check(
      dnnl.dnnl_primitive_execute(this.#primitive, stream, this.#args.length, ptr(this.#execArgs)),
      "primitive_execute",
    );
    for (const a of this.#args) {
      if (a.user !== undefined && a.output) this.#reorder(a.user.reorder, a.memory, a.user.memory);
    }
    check(dnnl.dnnl_stream_wait(stream), "stream_wait");
  }

  /**
   * Runs only the primitive on buffers already in its formats (no reorders): what bare oneDNN costs in its own
   * layouts, for {@linkcode measureOnednnPeak}. With blocked formats it reads and writes its scratch buffers.
   *
   * @param buffers Pointers for the roles whose format is tfjs's (the others use the primitive's scratch).
   */
  runPrimitiveOnly(buffers: ConvBuffers): void {
    const { dnnl, stream } = this.#lib;
    for (const a of this.#args) {
      if (a.user === undefined) {
        check(dnnl.dnnl_memory_set_data_handle(a.memory, buffers[a.role]!), "set_data_handle");
      }
    }
    check(
      dnnl.dnnl_primitive_execute(this.#primitive, stream, this.#args.length, ptr(this.#execArgs)),
      "execute",
    );
    check(dnnl.dnnl_stream_wait(stream), "stream_wait");
  }

  #reorder(reorder: Deno.PointerValue, from: Deno.PointerValue, to: Deno.PointerValue): void {
    const args = this.#reorderArgs;
    args[0] = BigInt(E.DNNL_ARG_FROM);
    args[1] = BigInt(Deno.UnsafePointer.value(from));
    args[2] = BigInt(E.DNNL_ARG_TO);
    args[3] = BigInt(Deno.UnsafePointer.value(to));
    check(this.#lib.dnnl.dnnl_primitive_execute(reorder, this.#lib.stream, 2, ptr(args)), "reorder execute");
  }

  /** Frees the primitive and its memory objects. */
  dispose(): void {
    const { dnnl } = this.#lib;
    dnnl.dnnl_primitive_destroy(this.#primitive);
    for (const a of this.#args) {
      dnnl.dnnl_memory_destroy(a.memory);
      if (a.user !== undefined) {
        dnnl.dnnl_memory_destroy(a.user.memory);
        dnnl.dnnl_primitive_destroy(a.user.reorder);
      }
    }
  }
}

/**
 * A short text for a spec, for errors and cache keys.
 *
 * @param s The spec.
 * @returns E.g. "forward plain 64x28x28x1 -> 32, 3x3 s1 pad 1,1,1,1 bias relu".
 */
export function describe(s: ConvSpec): string {
  return `${s.pass} ${s.layout} ${s.n}x${s.h}x${s.w}x${s.ci} -> ${s.oh}x${s.ow}x${s.co}, ${s.kh}x${s.kw} ` +
    `s${s.sh},${s.sw} pad ${s.pt},${s.pl},${s.pb},${s.pr}${s.bias ? " bias" : ""}${s.relu ? " relu" : ""}`;
}

const cache = new Map<string, ConvPrimitive>();

/** Most primitives kept: training uses a handful of shapes; evaluation batches add a few more. */
const CACHE_LIMIT = 64;

/**
 * The primitive for a spec, built on first use (0.7-5.5 ms) and cached by shape; least recently used ones
 * are freed past {@linkcode CACHE_LIMIT}.
 *
 * @param lib The opened library.
 * @param spec The convolution.
 * @returns The primitive.
 */
export function convPrimitive(lib: OnednnLibrary, spec: ConvSpec): ConvPrimitive {
  const key = describe(spec);
  let primitive = cache.get(key);
  if (primitive !== undefined) {
    cache.delete(key);
  } else {
    primitive = new ConvPrimitive(lib, spec);
    if (cache.size >= CACHE_LIMIT) {
      const [oldest, value] = cache.entries().next().value!;
      cache.delete(oldest);
      value.dispose();
    }
  }
  cache.set(key, primitive);
  return primitive;
}
