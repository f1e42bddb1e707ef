/**
 * Private: the oneDNN 2.x C functions the binding calls, as Deno FFI signatures. Every struct travels as a
 * pointer; `dnnl_dim_t` is int64.
 * @module
 */

const status = "i32" as const;
const p = "pointer" as const;

/** The symbols of `libdnnl.so.2` the binding opens. */
export const DNNL2_SYMBOLS = {
  dnnl_version: { parameters: [], result: p },
  dnnl_engine_create: { parameters: [p, "i32", "usize"], result: status },
  dnnl_stream_create: { parameters: [p, p, "u32"], result: status },
  dnnl_stream_wait: { parameters: [p], result: status },
  dnnl_memory_desc_init_by_tag: { parameters: [p, "i32", p, "i32", "i32"], result: status },
  dnnl_memory_desc_get_size: { parameters: [p], result: "usize" },
  dnnl_memory_desc_equal: { parameters: [p, p], result: "i32" },
  dnnl_memory_create: { parameters: [p, p, p, p], result: status },
  dnnl_memory_set_data_handle: { parameters: [p, p], result: status },
  dnnl_memory_destroy: { parameters: [p], result: status },
  dnnl_convolution_forward_desc_init: { parameters: [p, "i32", "i32", p, p, p, p, p, p, p], result: status },
  dnnl_convolution_backward_data_desc_init: { parameters: [p, "i32", p, p, p, p, p, p], result: status },
  dnnl_convolution_backward_weights_desc_init: {
    parameters: [p, "i32", p, p, p, p, p, p, p],
    result: status,
  },
  dnnl_primitive_attr_create: { parameters: [p], result: status },
  dnnl_primitive_attr_destroy: { parameters: [p], result: status },
  dnnl_primitive_attr_set_post_ops: { parameters: [p, p], result: status },
  dnnl_post_ops_create: { parameters: [p], result: status },
  dnnl_post_ops_destroy: { parameters: [p], result: status },
  dnnl_post_ops_append_eltwise: { parameters: [p, "f32", "i32", "f32", "f32"], result: status },
  dnnl_primitive_desc_create: { parameters: [p, p, p, p, p], result: status },
  dnnl_primitive_desc_query: { parameters: [p, "i32", "i32", p], result: status },
  dnnl_primitive_desc_query_md: { parameters: [p, "i32", "i32"], result: p },
  dnnl_primitive_desc_destroy: { parameters: [p], result: status },
  dnnl_reorder_primitive_desc_create: { parameters: [p, p, p, p, p, p], result: status },
  dnnl_primitive_create: { parameters: [p, p], result: status },
  dnnl_primitive_execute: { parameters: [p, p, "i32", p], result: status },
  dnnl_primitive_destroy: { parameters: [p], result: status },
  dnnl_sgemm: {
    parameters: ["u8", "u8", "i64", "i64", "i64", "f32", p, "i64", p, "i64", "f32", p, "i64"],
    result: status,
  },
} as const;

/** The one symbol every oneDNN major exports unchanged: opened first to tell 2.x from 3.x. */
export const VERSION_SYMBOL = { dnnl_version: DNNL2_SYMBOLS.dnnl_version } as const;

/** libgomp's thread count controls (oneDNN built with OpenMP, as Debian's is, reads them per calling thread). */
export const OMP_SYMBOLS = {
  omp_set_num_threads: { parameters: ["i32"], result: "void" },
  omp_get_max_threads: { parameters: [], result: "i32" },
} as const;

/** An opened `libdnnl.so.2`. */
export type Dnnl2 = Deno.DynamicLibrary<typeof DNNL2_SYMBOLS>["symbols"];
