/**
 * How many training threads a backend gets when `--workers` is not given.
 * @module
 */

/**
 * Training threads (data-parallel workers) by backend: one per core on wasm and cpu (one tfjs wasm instance
 * uses one core); one on onednn, whose oneDNN kernels run on every core through OpenMP in one process (measured
 * 2-4x faster than one worker per core with one thread each, see `lib/backend/onednn/README.md`); one on the
 * GPU backends (their work happens on the device). Call it with the backend that runs, after "auto" chose.
 *
 * @param backend Backend name (never "auto").
 * @returns Worker count.
 * @example
 * ```ts
 * import { defaultWorkers } from "./default_workers.ts";
 * if (defaultWorkers("webgpu") !== 1 || defaultWorkers("cpu") < 1) throw new Error("unexpected");
 * ```
 */
export function defaultWorkers(backend: string): number {
  return backend === "wasm" || backend === "cpu" ? Math.max(1, navigator.hardwareConcurrency ?? 1) : 1;
}
