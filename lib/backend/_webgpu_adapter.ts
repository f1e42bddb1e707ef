/**
 * Private: what WebGPU adapter this runtime offers, without loading tfjs-backend-webgpu.
 * @module
 */

/** The adapter found, or why there is none. */
export interface WebGpuAdapterReport {
  /** Whether `navigator.gpu.requestAdapter()` returned an adapter. */
  readonly found: boolean;
  /** Whether that adapter is a CPU rasterizer (lavapipe/llvmpipe, SwiftShader, or marked as fallback). */
  readonly cpu: boolean;
  /** The adapter's description, or why there is none (with the fix). */
  readonly description: string;
}

const CPU_ADAPTER = /llvmpipe|lavapipe|swiftshader|softpipe|software/i;

/**
 * Mesa's Vulkan drivers print "error: XDG_RUNTIME_DIR is invalid or not set" to stderr for every adapter request
 * when that variable is unset (root in a container, CI). The message is harmless but reads like a failure of the
 * run, so before the first request give the process a private 0700 folder, as a login session would.
 */
function ensureRuntimeDir(): void {
  const deno = (globalThis as { Deno?: typeof Deno }).Deno;
  if (deno === undefined || deno.build.os !== "linux") return;
  const granted = (name: "env" | "write") => deno.permissions.querySync({ name }).state === "granted";
  if (!granted("env") || !granted("write") || deno.env.get("XDG_RUNTIME_DIR")) return;
  const dir = deno.makeTempDirSync({ prefix: "asge-xdg-" });
  deno.chmodSync(dir, 0o700);
  deno.env.set("XDG_RUNTIME_DIR", dir);
}

/**
 * Asks the runtime for its default WebGPU adapter. Deno 2.x exposes `navigator.gpu` with no flag and no
 * permission; on a machine without a GPU, Mesa's Vulkan driver (Debian `mesa-vulkan-drivers`) gives a CPU one.
 *
 * @returns What was found.
 */
export async function findWebGpuAdapter(): Promise<WebGpuAdapterReport> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (gpu === undefined) {
    return {
      found: false,
      cpu: false,
      description: "this runtime has no navigator.gpu (use Deno 2 or later)",
    };
  }
  let adapter: GPUAdapter | null = null;
  try {
    ensureRuntimeDir();
    adapter = await gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (adapter === null) {
    return {
      found: false,
      cpu: false,
      description:
        "no WebGPU adapter: install a GPU driver, or `apt-get install mesa-vulkan-drivers` for a CPU one",
    };
  }
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const name = [info.description, info.vendor, info.architecture].filter((s) => s).join(" ") ||
    "unnamed adapter";
  return { found: true, cpu: info.isFallbackAdapter === true || CPU_ADAPTER.test(name), description: name };
}
