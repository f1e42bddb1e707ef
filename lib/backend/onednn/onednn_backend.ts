/**
 * The onednn backend: tfjs's wasm backend (every tensor stays on its heap) under a second name, whose
 * convolutions and matrix products run on oneDNN through FFI. tfjs looks kernels up by backend name, so the
 * wasm kernels are registered again under "onednn" and asge's oneDNN kernels replace some of them
 * (`register_kernels.ts`); the wasm backend itself is untouched and both can be used in one process.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { replacedKernel } from "../_kernel_call.ts";
import type { KernelConfig } from "../_kernel_types.ts";
import { type OnednnLibrary, openOnednn } from "./onednn_library.ts";

/** The tfjs backend name. */
export const ONEDNN_BACKEND = "onednn";

/**
 * Makes "onednn" a tfjs backend: starts the wasm backend, registers a factory that returns that same instance,
 * and registers every wasm kernel (tfjs's own, not asge's replacements) under "onednn". Idempotent.
 *
 * @throws When oneDNN is not loaded (call {@linkcode openOnednn} first) or wasm cannot start.
 */
export async function registerOnednnBackend(): Promise<void> {
  if (tf.findBackendFactory(ONEDNN_BACKEND) !== null) return;
  const active = tf.getBackend();
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend under onednn failed to start");
  const wasm = tf.findBackend("wasm")!;
  for (const kernel of tf.getKernelsForBackend("wasm") as unknown as KernelConfig[]) {
    const own = replacedKernel("wasm", kernel.kernelName) ?? kernel;
    tf.registerKernel({ ...own, backendName: ONEDNN_BACKEND } as unknown as tf.KernelConfig);
  }
  tf.registerBackend(ONEDNN_BACKEND, () => wasm, 0);
  if (active !== undefined && active !== "wasm") await tf.setBackend(active);
}

/**
 * Threads for oneDNN's calls from this thread: `ASGE_ONEDNN_THREADS` when set, else one inside a Deno Worker
 * (asge's worker engine runs one worker per core) and every core in the main thread.
 *
 * @param lib The opened library.
 * @returns The threads now set.
 */
export function chooseOnednnThreads(lib: OnednnLibrary): number {
  let named: string | undefined;
  try {
    named = Deno.env.get("ASGE_ONEDNN_THREADS");
  } catch {
    named = undefined;
  }
  const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";
  const cores = Math.max(1, navigator.hardwareConcurrency ?? 1);
  const threads = named !== undefined && Number(named) >= 1
    ? Math.floor(Number(named))
    : inWorker
    ? 1
    : cores;
  lib.setThreads(threads);
  return lib.threads();
}

/**
 * A one-line description of the library for logs: version, where, threading.
 *
 * @returns E.g. "oneDNN 2.6.3 (libdnnl.so.2, OpenMP, 2 threads)", or the reason it is missing.
 */
export function describeOnednn(): string {
  const lib = openOnednn();
  if (!lib.loaded) return lib.reason;
  const threads = lib.threads();
  return `oneDNN ${lib.version} (${lib.path}, ${lib.runtime}, ${threads} thread${threads === 1 ? "" : "s"})`;
}
