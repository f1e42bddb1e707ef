/**
 * Backends by name, loaded lazily from one table. Importing this file sets no backend and registers nothing:
 * only {@linkcode useBackend} (and {@linkcode probeBackends}, which imports backend modules but starts none)
 * touches tfjs.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { BackendUnavailableError } from "./backend_unavailable_error.ts";
import { registerTfjsOps } from "./_tfjs_ops.ts";
import { registerAsgeKernels } from "./register_kernels.ts";
import { importTensorflowBinding, tensorflowInstallHint } from "./_tensorflow_binding.ts";
import { findWebGpuAdapter } from "./_webgpu_adapter.ts";
import { chooseOnednnThreads, describeOnednn, registerOnednnBackend } from "./onednn/onednn_backend.ts";
import { ONEDNN_INSTALL_HINT, openOnednn } from "./onednn/onednn_library.ts";

/** A backend asge can train on; "auto" picks the fastest one available. */
export type BackendName = "wasm" | "onednn" | "cpu" | "webgpu" | "tensorflow" | "auto";

/** What {@linkcode useBackend} started. */
export interface BackendInfo {
  /** The backend that now runs (never "auto"). */
  readonly name: Exclude<BackendName, "auto">;
  /** What runs, for logs and run files, e.g. "wasm (XNNPACK, SIMD, 1 thread) + asge kernels: ...". */
  readonly description: string;
  /** Why "auto" chose this backend; absent when the backend was named. */
  readonly reason?: string;
  /** One line on how to get a faster backend, when "auto" fell back to wasm; a CLI prints it. */
  readonly hint?: string;
}

/** One row of {@linkcode probeBackends}. */
export interface BackendProbe {
  /** The backend. */
  readonly name: Exclude<BackendName, "auto">;
  /** Whether {@linkcode useBackend} can start it here. */
  readonly available: boolean;
  /** What it would run on, or what is missing and how to install it. */
  readonly reason: string;
}

interface BackendEntry {
  /** Loads what the backend needs; throws BackendUnavailableError with a one-sentence fix. */
  load(): Promise<void>;
  /** Whether it could load here, and why not; may import modules but must not start the backend. */
  probe(): Promise<{ available: boolean; reason: string }>;
  /** Runs after tf.setBackend resolved: registers kernels, returns the description. */
  started(): Promise<string>;
}

const wasmReadHint =
  "the wasm backend reads its .wasm file from the npm cache: run with --allow-read (or -A)";

function canRead(): boolean {
  const permissions = (globalThis as { Deno?: typeof Deno }).Deno?.permissions;
  return permissions === undefined || permissions.querySync({ name: "read" }).state === "granted";
}

/** The table: every backend, loaded only when asked for. */
const BACKENDS: Record<Exclude<BackendName, "auto">, BackendEntry> = {
  wasm: {
    async load() {
      if (!canRead()) throw new BackendUnavailableError("wasm", `${wasmReadHint}.`);
      await import("@tensorflow/tfjs-backend-wasm");
    },
    probe() {
      return Promise.resolve(
        canRead()
          ? { available: true, reason: "XNNPACK on one thread (the threaded build cannot start in Deno)" }
          : { available: false, reason: wasmReadHint },
      );
    },
    async started() {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) ? "SIMD" : "no SIMD";
      const threads = wasm.getThreadsCount();
      const kernels = registerAsgeKernels("wasm");
      return `wasm (XNNPACK, ${simd}, ${threads} thread${threads === 1 ? "" : "s"}) + asge kernels: ${
        kernels.join(", ")
      }`;
    },
  },
  onednn: {
    async load() {
      if (!canRead()) throw new BackendUnavailableError("onednn", `${wasmReadHint}.`);
      const lib = openOnednn();
      if (!lib.loaded) {
        throw new BackendUnavailableError("onednn", `onednn backend unavailable: ${lib.reason}.`);
      }
      await import("@tensorflow/tfjs-backend-wasm");
      await registerOnednnBackend();
    },
    probe() {
      const lib = openOnednn();
      if (!lib.loaded) return Promise.resolve({ available: false, reason: lib.reason });
      if (!canRead()) return Promise.resolve({ available: false, reason: wasmReadHint });
      return Promise.resolve({ available: true, reason: `${describeOnednn()} on the wasm backend` });
    },
    started() {
      const lib = openOnednn();
      if (lib.loaded) chooseOnednnThreads(lib);
      const kernels = registerAsgeKernels("onednn");
      return Promise.resolve(
        `onednn (${describeOnednn()}; other ops on wasm) + kernels: ${kernels.join(", ")}`,
      );
    },
  },
  cpu: {
    async load() {
      await import("@tensorflow/tfjs-backend-cpu");
    },
    probe() {
      return Promise.resolve({ available: true, reason: "plain JavaScript: always there, slow" });
    },
    started() {
      // The cpu backend greets Node users on its first write with advice to install tfjs-node; a library must
      // not print, so mark that greeting as done.
      const backend = tf.findBackend("cpu") as unknown as { firstUse?: boolean } | null;
      if (backend !== null) backend.firstUse = false;
      return Promise.resolve("cpu (plain JavaScript, tfjs's reference kernels; slow)");
    },
  },
  webgpu: {
    async load() {
      const adapter = await findWebGpuAdapter();
      if (!adapter.found) {
        throw new BackendUnavailableError("webgpu", `webgpu backend unavailable: ${adapter.description}.`);
      }
      await import("@tensorflow/tfjs-backend-webgpu");
    },
    async probe() {
      const adapter = await findWebGpuAdapter();
      if (!adapter.found) return { available: false, reason: adapter.description };
      const kind = adapter.cpu ? "a CPU adapter, slower than wasm" : "a GPU";
      return { available: true, reason: `adapter ${adapter.description} (${kind})` };
    },
    async started() {
      const adapter = await findWebGpuAdapter();
      const kernels = registerAsgeKernels("webgpu");
      const cpu = adapter.cpu ? ", a CPU adapter: wasm is faster here" : "";
      return `webgpu (adapter ${adapter.description}${cpu}) + asge kernels: ${kernels.join(", ")}`;
    },
  },
  tensorflow: {
    async load() {
      const binding = await importTensorflowBinding();
      if (!binding.loaded) {
        const message = `tensorflow backend unavailable: ${binding.reason}; ${tensorflowInstallHint()}.`;
        throw new BackendUnavailableError("tensorflow", message, { cause: binding.cause });
      }
    },
    async probe() {
      const binding = await importTensorflowBinding();
      return binding.loaded
        ? { available: true, reason: `libtensorflow through ${binding.packageName}` }
        : { available: false, reason: `${binding.reason}; ${tensorflowInstallHint()}` };
    },
    started() {
      return Promise.resolve("tensorflow (libtensorflow through tfjs-node)");
    },
  },
};

/** Every name {@linkcode useBackend} accepts: the table's, then "auto" (the CLI's `--backend` offers these). */
export const BACKEND_NAMES: readonly BackendName[] = [
  ...(Object.keys(BACKENDS) as Exclude<BackendName, "auto">[]),
  "auto",
];

/**
 * Reports which backends can run here, without starting any. Probing imports the modules of those that can
 * (registering their factories with tfjs, as `useBackend` would), and asks the runtime for a WebGPU adapter.
 *
 * @returns One row per backend, in the order "auto" prefers them: tensorflow, webgpu, onednn, wasm, cpu.
 */
export async function probeBackends(): Promise<BackendProbe[]> {
  const rows: BackendProbe[] = [];
  for (const name of ["tensorflow", "webgpu", "onednn", "wasm", "cpu"] as const) {
    rows.push({ name, ...(await BACKENDS[name].probe()) });
  }
  return rows;
}

/**
 * Picks the backend "auto" means: tensorflow if its binding loads, else webgpu on a real GPU (on a CPU adapter
 * such as lavapipe, the CPU backends are faster), else onednn where oneDNN loads, else wasm.
 *
 * @returns The choice, a one-line reason naming what was passed over, and for wasm the install hint.
 */
async function chooseAuto(): Promise<{ name: Exclude<BackendName, "auto">; reason: string; hint?: string }> {
  const [tensorflow, webgpu, onednn] = await probeBackends();
  if (tensorflow.available) return { name: "tensorflow", reason: tensorflow.reason };
  const passed = `tensorflow: ${tensorflow.reason.split(";")[0]}`;
  if (webgpu.available && !/CPU adapter/.test(webgpu.reason)) {
    return { name: "webgpu", reason: `${webgpu.reason}; ${passed}` };
  }
  const cpuPassed = `webgpu: ${webgpu.reason}; ${passed}`;
  if (onednn.available) return { name: "onednn", reason: `${onednn.reason}; ${cpuPassed}` };
  return {
    name: "wasm",
    reason: `onednn: ${onednn.reason}; ${cpuPassed}`,
    hint: `for the fast CPU path (oneDNN, several times faster): ${ONEDNN_INSTALL_HINT}`,
  };
}

/**
 * Loads a backend by name, registers tfjs's gradients, adds asge's kernels where it needs them, makes it
 * tfjs's active backend and waits until it is ready. Call it once before creating any tensor.
 *
 * @param name "auto" (the fastest here), "onednn", "wasm", "cpu", "webgpu" or "tensorflow".
 * @returns What now runs.
 * @throws {BackendUnavailableError} When the backend cannot run here; the message says how to install it.
 * @example Training on wasm
 * ```ts
 * import { useBackend } from "./backends.ts";
 * const info = await useBackend("wasm");
 * if (info.name !== "wasm" || !info.description.includes("Conv2DBackpropFilter")) throw new Error();
 * ```
 */
export async function useBackend(name: BackendName): Promise<BackendInfo> {
  let chosen: Exclude<BackendName, "auto">;
  let reason: string | undefined;
  let hint: string | undefined;
  if (name === "auto") ({ name: chosen, reason, hint } = await chooseAuto());
  else if (name in BACKENDS) chosen = name;
  else {
    throw new Error(`Unknown backend "${name}"; use one of ${BACKEND_NAMES.join(", ")}`);
  }
  const entry = BACKENDS[chosen];
  await entry.load();
  await registerTfjsOps();
  if (!(await tf.setBackend(chosen))) {
    throw new BackendUnavailableError(chosen, `${chosen} backend failed to start (tfjs said why above).`);
  }
  await tf.ready();
  const description = await entry.started();
  if (reason === undefined) return { name: chosen, description };
  return { name: chosen, description: `auto chose ${description}`, reason, ...(hint ? { hint } : {}) };
}
