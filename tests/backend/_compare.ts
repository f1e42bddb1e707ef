/**
 * Test helper for the backend suites: seeded inputs, runs on a named backend, and the tolerance check.
 * @module
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import {
  type BackendName,
  type BackendProbe,
  probeBackends,
  useBackend,
} from "../../lib/backend/backends.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

tf.env().set("IS_TEST", true);

// Mesa's Vulkan driver (the CPU WebGPU adapter) warns on every start without a private runtime directory.
if (!Deno.env.get("XDG_RUNTIME_DIR")) {
  const dir = Deno.makeTempDirSync({ prefix: "asge-xdg-" });
  Deno.chmodSync(dir, 0o700);
  Deno.env.set("XDG_RUNTIME_DIR", dir);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
}

/**
 * Largest allowed max|got - want| / max|want|. float32 sums of up to ~10^4 products differ by a few 1e-7
 * relative between summation orders; 1e-4 leaves room for that and still catches any wrong index (an error of
 * one misplaced term is of the order of 1e-2 or more).
 */
export const RELATIVE_TOLERANCE = 1e-4;

/** Standard normal values from a fixed seed. */
export function seeded(size: number, seed: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: size }, () => random.nextNormal());
}

/**
 * Asserts `got` matches `want` within {@linkcode RELATIVE_TOLERANCE} of the largest reference value.
 */
export function assertClose(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length, `${what}: ${got.length} values, expected ${want.length}`);
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]));
    worst = Math.max(worst, Math.abs(got[i] - want[i]));
  }
  assert.ok(scale > 0, `${what}: the reference is all zeros, the case tests nothing`);
  assert.ok(
    worst / scale <= RELATIVE_TOLERANCE,
    `${what}: max error ${worst.toExponential(2)} is ${(worst / scale).toExponential(2)} of max |ref| ` +
      `${scale.toExponential(2)} (allowed ${RELATIVE_TOLERANCE})`,
  );
}

/**
 * Runs `compute` on `backend`, checking that it leaves no tensor and no backend data behind.
 *
 * @returns The arrays `compute` read out.
 */
export async function runOn(
  backend: BackendName,
  compute: () => Promise<Float32Array[]>,
): Promise<Float32Array[]> {
  await useBackend(backend);
  const engine = tf.engine();
  const tensors = tf.memory().numTensors;
  const dataIds = engine.backend.numDataIds();
  const out = await compute();
  assert.equal(tf.memory().numTensors, tensors, `${backend}: the computation leaked tensors`);
  assert.equal(engine.backend.numDataIds(), dataIds, `${backend}: a kernel leaked backend data`);
  return out;
}

let probes: BackendProbe[] | undefined;

/** The backends under test (all but the cpu reference), each with whether it runs here and why not. */
export async function backendsUnderTest(): Promise<BackendProbe[]> {
  probes ??= await probeBackends();
  return probes.filter((p) => p.name !== "cpu");
}

/** Deno test options for a backend: webgpu keeps device handles open across tests, by design. */
export function sanitizersFor(name: string): { sanitizeResources: boolean; sanitizeOps: boolean } {
  const gpu = name === "webgpu" || name === "tensorflow";
  return { sanitizeResources: !gpu, sanitizeOps: !gpu };
}

/** A skip reason short enough for a test name. */
export function shortReason(reason: string): string {
  return reason.length > 110 ? `${reason.slice(0, 107)}...` : reason;
}
