/**
 * Finds and opens oneDNN (`libdnnl`) through Deno FFI, checks that it speaks the 2.x C API the binding uses,
 * and creates the CPU engine and stream. Never throws: a missing or wrong library comes back as a reason.
 * @module
 */
import { DNNL2_ENUMS as E, DNNL2_LAYOUT } from "./_abi.ts";
import { type Dnnl2, DNNL2_SYMBOLS, OMP_SYMBOLS, VERSION_SYMBOL } from "./_symbols.ts";

/** The install hint printed wherever oneDNN is missing. */
export const ONEDNN_INSTALL_HINT = "apt-get install libdnnl2";

/** An opened oneDNN with its CPU engine and stream (one per thread: each Deno Worker opens its own). */
export interface OnednnLibrary {
  /** The C functions. */
  readonly dnnl: Dnnl2;
  /** `dnnl_engine_t` of the CPU. */
  readonly engine: Deno.PointerValue;
  /** `dnnl_stream_t` on that engine. */
  readonly stream: Deno.PointerValue;
  /** "2.6.3". */
  readonly version: string;
  /** Where it was found (a soname or the `ASGE_ONEDNN` path). */
  readonly path: string;
  /** The CPU threading runtime it was built with: "OpenMP", "sequential", "TBB" or "threadpool". */
  readonly runtime: string;
  /** Sets the threads oneDNN uses for calls from this thread; a no-op for runtimes other than OpenMP. */
  setThreads(threads: number): void;
  /** The threads oneDNN uses for calls from this thread. */
  threads(): number;
}

/** Why oneDNN could not be used here: one sentence that says what was found and what to install. */
export interface OnednnMissing {
  /** Always false. */
  readonly loaded: false;
  /** E.g. "libdnnl.so.2 not found (apt-get install libdnnl2)". */
  readonly reason: string;
}

let opened: (OnednnLibrary & { loaded: true }) | OnednnMissing | undefined;

/**
 * The places looked at, in order: `ASGE_ONEDNN` alone when set, else the sonames of 2.x, then 3.x (to name it
 * in the refusal), then the unversioned development link.
 *
 * @param env Reads an environment variable (injectable for tests).
 * @returns Library paths or sonames.
 */
export function onednnCandidates(env: (name: string) => string | undefined = envOrUndefined): string[] {
  const named = env("ASGE_ONEDNN");
  if (named !== undefined && named !== "") return [named];
  if (Deno.build.os === "darwin") return ["libdnnl.2.dylib", "libdnnl.3.dylib", "libdnnl.dylib"];
  if (Deno.build.os === "windows") return ["dnnl.dll"];
  return ["libdnnl.so.2", "libdnnl.so.3", "libdnnl.so"];
}

function envOrUndefined(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no --allow-env: behave as if unset
  }
}

const RUNTIMES: Record<number, string> = {
  [E.DNNL_RUNTIME_SEQ]: "sequential",
  [E.DNNL_RUNTIME_OMP]: "OpenMP",
  [E.DNNL_RUNTIME_TBB]: "TBB",
  [E.DNNL_RUNTIME_THREADPOOL]: "threadpool",
};

/**
 * Opens oneDNN once per thread and returns it, or the reason it cannot be used.
 *
 * @returns The library, or `{ loaded: false, reason }`.
 * @example Either way, no exception
 * ```ts
 * import { openOnednn } from "./onednn_library.ts";
 * const lib = openOnednn();
 * if (!lib.loaded && lib.reason.length === 0) throw new Error("a refusal always says why");
 * ```
 */
export function openOnednn(): (OnednnLibrary & { loaded: true }) | OnednnMissing {
  opened ??= tryOpen();
  return opened;
}

function tryOpen(): (OnednnLibrary & { loaded: true }) | OnednnMissing {
  const ffi = (globalThis as { Deno?: typeof Deno }).Deno?.permissions?.querySync?.({ name: "ffi" });
  if (ffi !== undefined && ffi.state !== "granted") {
    return { loaded: false, reason: "oneDNN needs FFI: run with --allow-ffi (or -A)" };
  }
  preferPassiveOpenMp();
  const tried: string[] = [];
  for (const path of onednnCandidates()) {
    let probe: Deno.DynamicLibrary<typeof VERSION_SYMBOL>;
    try {
      probe = Deno.dlopen(path, VERSION_SYMBOL);
    } catch {
      tried.push(path);
      continue;
    }
    const view = new Deno.UnsafePointerView(probe.symbols.dnnl_version()!);
    const major = view.getInt32(0);
    const version = `${major}.${view.getInt32(4)}.${view.getInt32(8)}`;
    const runtime = RUNTIMES[view.getUint32(DNNL2_LAYOUT.offsetof_version_cpu_runtime)] ?? "unknown";
    if (major !== 2) {
      probe.close();
      return {
        loaded: false,
        reason:
          `found oneDNN ${version} at ${path}, but asge's binding speaks the 2.x C API (3.x replaced its ` +
          `memory and op descriptors): install oneDNN 2.x (Debian 12: ${ONEDNN_INSTALL_HINT}) and point ` +
          `ASGE_ONEDNN at its libdnnl.so.2`,
      };
    }
    // The probe's handle stays open: closing it would unload the library only to load it again below.
    try {
      return { loaded: true, ...start(path, version, runtime) };
    } catch (error) {
      return {
        loaded: false,
        reason: `oneDNN ${version} at ${path} did not start (${(error as Error).message}); reinstall it ` +
          `(${ONEDNN_INSTALL_HINT})`,
      };
    }
  }
  const where = tried.length === 1 && tried[0] === envOrUndefined("ASGE_ONEDNN")
    ? `ASGE_ONEDNN=${tried[0]} cannot be opened`
    : `${tried.join(", ")} not found`;
  return { loaded: false, reason: `oneDNN: ${where} (${ONEDNN_INSTALL_HINT})` };
}

/**
 * Asks OpenMP to sleep rather than spin between parallel regions, unless the user chose (`OMP_WAIT_POLICY`).
 * libgomp reads this once, when oneDNN loads it, so it is set before the first `dlopen`. On a shared 2-core
 * machine (load 14) a training step with 2 spinning threads ran at 114-142 images/s against 420 on one thread;
 * sleeping threads ran at 460-1270 (quick preset, batch 64; the calls are milliseconds long, so waking
 * costs little).
 */
function preferPassiveOpenMp(): void {
  try {
    if (Deno.env.get("OMP_WAIT_POLICY") === undefined) Deno.env.set("OMP_WAIT_POLICY", "PASSIVE");
  } catch {
    // no --allow-env: OpenMP keeps its default
  }
}

function start(path: string, version: string, runtime: string): OnednnLibrary {
  const { symbols: dnnl } = Deno.dlopen(path, DNNL2_SYMBOLS);
  const out = new BigUint64Array(new ArrayBuffer(8));
  const outPtr = Deno.UnsafePointer.of(out);
  check(dnnl.dnnl_engine_create(outPtr, E.dnnl_cpu, 0n), "dnnl_engine_create");
  const engine = Deno.UnsafePointer.create(out[0]);
  check(dnnl.dnnl_stream_create(outPtr, engine, E.dnnl_stream_default_flags), "dnnl_stream_create");
  const stream = Deno.UnsafePointer.create(out[0]);
  const omp = runtime === "OpenMP" ? openOmp() : undefined;
  return {
    dnnl,
    engine,
    stream,
    version,
    path,
    runtime,
    setThreads(threads: number) {
      omp?.omp_set_num_threads(Math.max(1, Math.floor(threads)));
    },
    threads() {
      return omp?.omp_get_max_threads() ?? 1;
    },
  };
}

function openOmp(): Deno.DynamicLibrary<typeof OMP_SYMBOLS>["symbols"] | undefined {
  for (const name of ["libgomp.so.1", "libgomp.1.dylib", "libomp.so", "libiomp5.so"]) {
    try {
      return Deno.dlopen(name, OMP_SYMBOLS).symbols;
    } catch {
      // try the next OpenMP runtime
    }
  }
  return undefined;
}

/**
 * Throws when a oneDNN call failed.
 *
 * @param status The `dnnl_status_t` returned.
 * @param what The call, for the message.
 */
export function check(status: number, what: string): void {
  if (status !== E.dnnl_success) {
    throw new Error(`oneDNN ${what} failed with status ${status} (see dnnl_status_t in dnnl_types.h)`);
  }
}
