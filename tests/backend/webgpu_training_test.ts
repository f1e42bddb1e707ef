/**
 * The GPU path: a short `trainInMemory` on webgpu against the same run on wasm (same seed, same data), and what
 * `useBackend("auto")` picks. On this project's machines webgpu is Mesa lavapipe, a CPU adapter; the same code
 * runs on Vulkan/Metal/D3D12 where there is a GPU. Without an adapter the comparison is listed as ignored,
 * with the reason in its name.
 */
import assert from "node:assert/strict";
import { type BackendName, probeBackends, useBackend } from "../../lib/backend/backends.ts";
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import { trainInMemory } from "../../lib/training/train_in_memory.ts";
import { quadrantDataset } from "../_tf_cpu.ts";
import { sanitizersFor, shortReason } from "./_compare.ts";

const probes = await probeBackends();
const webgpu = probes.find((p) => p.name === "webgpu")!;

// 16x16 grey images, 4 classes (a bright band each); three blocks so every path (pool, LayerNorm, P = 4, 2, 1)
// runs. Two epochs of 14 steps: long enough for float differences to compound through Adam.
const data = quadrantDataset(512, 16, 4);
const config = resolveConfig("quick", {
  dataset: "bands",
  blocks: [
    { channels: 8, kernelSize: 3, pool: 2 },
    { channels: 16, kernelSize: 3, pool: 2 },
    { channels: 32, kernelSize: 3, pool: 1 },
  ],
  epochs: 2,
  batchSize: 32,
  optimizer: { learningRate: 1e-2 },
});

/** Trains on one backend and reads out what the comparison needs. */
async function trainOn(backend: BackendName) {
  await useBackend(backend);
  const result = await trainInMemory({ config, data });
  const weights = await result.network.readWeights();
  result.network.dispose();
  return { metrics: result.metrics, weights };
}

/** max |a - b| / max |b| over two arrays of the same length. */
function relativeError(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length, `arrays of ${a.length} and ${b.length} values`);
  let worst = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return worst / scale;
}

const name = "trainInMemory() on webgpu gives the wasm run's weights, losses and accuracy (same seed)";
Deno.test({
  name: webgpu.available ? name : `${name}: skipped, ${shortReason(webgpu.reason)}`,
  ignore: !webgpu.available,
  ...sanitizersFor("webgpu"),
  async fn() {
    const wasm = await trainOn("wasm");
    const gpu = await trainOn("webgpu");
    assert.equal(gpu.metrics.length, wasm.metrics.length);
    gpu.weights.blocks.forEach((block, l) => {
      const reference = wasm.weights.blocks[l];
      for (const key of ["kernel", "bias", "projection", "projectionBias"] as const) {
        assert.equal(block[key].length, reference[key].length, `block ${l + 1} ${key}: shape differs`);
        assert.ok(block[key].every(Number.isFinite), `block ${l + 1} ${key}: NaN or infinity on webgpu`);
      }
      // Measured: 2e-7 of the largest weight after 28 Adam steps; 1e-3 leaves room for other GPUs' rounding and
      // still fails on any wrong kernel (a wrong gradient moves weights by ~1e-2 per step at this rate).
      const error = relativeError(block.kernel, reference.kernel);
      assert.ok(error < 1e-3, `block ${l + 1} kernel: webgpu differs from wasm by ${error.toExponential(2)}`);
      assert.deepEqual(block.projection, reference.projection, `block ${l + 1}: frozen projection changed`);
    });
    gpu.metrics.forEach((epoch, e) => {
      epoch.blocks.forEach((b, l) => {
        const want = wasm.metrics[e].blocks[l].trainLoss;
        assert.ok(Number.isFinite(b.trainLoss), `epoch ${e + 1} block ${l + 1}: loss ${b.trainLoss}`);
        assert.ok(
          Math.abs(b.trainLoss - want) <= 1e-3 * Math.abs(want),
          `epoch ${e + 1} block ${l + 1}: webgpu loss ${b.trainLoss}, wasm ${want}`,
        );
      });
      for (const strategy of ["last", "fusion", "best"] as const) {
        const got = epoch.testAccuracy[strategy], want = wasm.metrics[e].testAccuracy[strategy];
        // Two test images of 128 either way: float ties can flip an argmax.
        assert.ok(Math.abs(got - want) <= 2 / 128, `epoch ${e + 1} ${strategy}: webgpu ${got}, wasm ${want}`);
      }
    });
    assert.ok(gpu.metrics.at(-1)!.testAccuracy.fusion >= 0.9, "the problem was not learned on webgpu");
  },
});

Deno.test({
  name: "useBackend('auto') passes over a CPU WebGPU adapter for onednn or wasm, and says why",
  ...sanitizersFor("webgpu"),
  async fn() {
    const tensorflow = probes.find((p) => p.name === "tensorflow")!;
    const info = await useBackend("auto");
    assert.ok(info.reason, "auto must say why it chose");
    if (tensorflow.available) {
      assert.equal(info.name, "tensorflow");
    } else if (webgpu.available && !/CPU adapter/.test(webgpu.reason)) {
      assert.equal(info.name, "webgpu", `a GPU adapter (${webgpu.reason}) should win over wasm`);
    } else if (probes.find((p) => p.name === "onednn")!.available) {
      assert.equal(info.name, "onednn", `auto chose ${info.name}: ${info.reason}`);
      assert.match(info.reason, /tensorflow: /);
    } else {
      assert.equal(info.name, "wasm", `auto chose ${info.name}: ${info.reason}`);
      assert.match(info.reason, webgpu.available ? /webgpu: .*CPU adapter/ : /webgpu: /);
      assert.match(info.reason, /tensorflow: /);
    }
  },
});
