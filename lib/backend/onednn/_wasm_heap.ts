/**
 * Private: where a tensor of tfjs's wasm backend lives, as a native pointer oneDNN can read and write. The
 * onednn backend is the wasm backend itself, so every tensor is a range of the `WebAssembly.Memory`; a view of it
 * passes to FFI without a copy.
 * @module
 */
import type { KernelBackend, TensorInfo } from "../_kernel_types.ts";

/** The parts of tfjs-backend-wasm's `BackendWasm` the oneDNN kernels use. */
export interface WasmBackend extends KernelBackend {
  /** The emscripten module; `HEAPU8` is replaced when the memory grows, so read it at every use. */
  readonly wasm: { readonly HEAPU8: Uint8Array };
  /** Per tensor: its byte offset in the heap. */
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  /**
   * Allocates an output tensor in the heap.
   * @param shape Its shape.
   * @param dtype "float32".
   * @returns The new tensor (refcount 1), owned by the caller.
   */
  makeOutput(shape: number[], dtype: string): TensorInfo;
}

/**
 * The native address of a tensor's first element. Valid until the next heap allocation (which may move the
 * heap): take pointers after allocating every output.
 *
 * @param backend The wasm backend the kernel runs on.
 * @param info A float32 tensor of that backend.
 * @returns A pointer for FFI.
 */
export function heapPointer(backend: WasmBackend, info: TensorInfo): Deno.PointerValue {
  const data = backend.dataIdMap.get(info.dataId);
  if (data === undefined) throw new Error(`tensor of shape [${info.shape}] is not on the wasm heap`);
  if (info.dtype !== "float32") throw new Error(`oneDNN kernels take float32 tensors, got ${info.dtype}`);
  return Deno.UnsafePointer.offset(Deno.UnsafePointer.of(backend.wasm.HEAPU8)!, data.memoryOffset);
}
