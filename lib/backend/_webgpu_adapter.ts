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
 * Mesa's Vulkan driver prints "XDG_RUNTIME_DIR is invalid or not set" on every start without one; `auto` asks
 * for an adapter on every run, so give the process a private 0700 directory (removed at exit) when it has
 * none. Without env or write permission the driver may print its line; nothing else changes.
 */
function quietMesa(): void {
  try {
    if (Deno.env.get("XDG_RUNTIME_DIR")) return;
    const dir = Deno.makeTempDirSync({ prefix: "asge-xdg-" });
    Deno.chmodSync(dir, 0o700);
    Deno.env.set("XDG_RUNTIME_DIR", dir);
    globalThis.addEventListener("unload", () => {
      try {
        Deno.removeSync(dir, { recursive: true });
      } catch {
        // already gone
      }
    });
  } catch {
    // no permission: Mesa may print its warning
  }
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
  quietMesa();
  let adapter: GPUAdapter | null = null;
  try {
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
