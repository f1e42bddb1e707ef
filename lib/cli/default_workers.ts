/**
 * How many training threads a backend gets when `--workers` is not given.
 * @module
 */

/**
 * One training thread per core for the CPU backends (one tfjs wasm instance uses one core), one for the GPU
 * backends (their work happens on the device). Call it with the backend that runs, after "auto" chose.
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
