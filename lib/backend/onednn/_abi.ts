/**
 * Private: the numbers of oneDNN's 2.x C API that the binding uses, as the header `oneapi/dnnl/dnnl_types.h`
 * (Debian `libdnnl-dev` 2.6.3) defines them. `tests/backend/onednn_abi_test.ts` compiles a C program against
 * the installed header and compares every value here with it.
 * @module
 */

/** Struct sizes and offsets (bytes) on x86-64 Linux. */
export const DNNL2_LAYOUT = {
  /** `dnnl_memory_desc_t`: a plain struct in 2.x (an opaque handle in 3.x). */
  sizeof_memory_desc: 696,
  /** `dnnl_convolution_desc_t`, the op descriptor that 3.x removed. */
  sizeof_convolution_desc: 5976,
  /** `dnnl_exec_arg_t` {int arg; dnnl_memory_t memory}. */
  sizeof_exec_arg: 16,
  /** Offset of `memory` in `dnnl_exec_arg_t`. */
  offsetof_exec_arg_memory: 8,
  /** Offset of `hash` in `dnnl_version_t` {int major, minor, patch; const char *hash; unsigned cpu_runtime; ...}. */
  offsetof_version_hash: 16,
  /** Offset of `cpu_runtime` in `dnnl_version_t`. */
  offsetof_version_cpu_runtime: 24,
  /** `DNNL_MAX_NDIMS`: a `dnnl_dims_t` is this many int64. */
  DNNL_MAX_NDIMS: 12,
} as const;

/** Enum values and `#define`s, named as in the header. */
export const DNNL2_ENUMS = {
  dnnl_success: 0,
  dnnl_f32: 3,
  dnnl_format_tag_any: 1,
  dnnl_a: 2,
  dnnl_ab: 3,
  dnnl_nhwc: 20,
  dnnl_hwio: 30,
  dnnl_nchw: 5,
  dnnl_oihw: 5,
  dnnl_forward_training: 64,
  dnnl_forward_inference: 96,
  dnnl_backward_data: 160,
  dnnl_backward_weights: 192,
  dnnl_convolution_direct: 1,
  dnnl_convolution_auto: 3,
  dnnl_eltwise_relu: 31,
  dnnl_cpu: 1,
  dnnl_stream_default_flags: 1,
  dnnl_query_src_md: 129,
  dnnl_query_weights_md: 131,
  dnnl_query_dst_md: 133,
  dnnl_query_diff_src_md: 130,
  dnnl_query_diff_weights_md: 132,
  dnnl_query_diff_dst_md: 134,
  dnnl_query_scratchpad_md: 136,
  dnnl_query_impl_info_str: 8,
  DNNL_ARG_SRC: 1,
  DNNL_ARG_DST: 17,
  DNNL_ARG_WEIGHTS: 33,
  DNNL_ARG_BIAS: 41,
  DNNL_ARG_DIFF_SRC: 129,
  DNNL_ARG_DIFF_DST: 145,
  DNNL_ARG_DIFF_WEIGHTS: 161,
  DNNL_ARG_DIFF_BIAS: 169,
  DNNL_ARG_SCRATCHPAD: 80,
  DNNL_ARG_FROM: 1,
  DNNL_ARG_TO: 17,
  DNNL_RUNTIME_SEQ: 1,
  DNNL_RUNTIME_OMP: 2,
  DNNL_RUNTIME_TBB: 4,
  DNNL_RUNTIME_THREADPOOL: 8,
} as const;

/** The C API major version these numbers belong to. */
export const DNNL_ABI_MAJOR = 2;
