import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { BackendUnavailableError } from "../../lib/backend/backend_unavailable_error.ts";
import { type BackendName, probeBackends, useBackend } from "../../lib/backend/backends.ts";
import { registerAsgeKernels } from "../../lib/backend/register_kernels.ts";
import { sanitizersFor } from "./_compare.ts";
import { denoWithStdin } from "../_deno_child.ts";

const root = new URL("../../", import.meta.url);

/** Runs a module body in a fresh Deno with the repo's import map and the given permission flags. */
async function runFresh(flags: string[], body: string): Promise<string> {
  const { code, stdout, stderr } = await denoWithStdin(
    ["run", "--no-prompt", "--quiet", ...flags, "-"],
    body,
    { cwd: root },
  );
  assert.equal(code, 0, `the child Deno failed: ${stderr}`);
  return stdout;
}

Deno.test("importing lib/backend sets no backend and registers no kernel or backend", async () => {
  const files = [...Deno.readDirSync(new URL("lib/backend/", root))].map((e) => e.name).filter((n) =>
    n.endsWith(".ts")
  );
  assert.ok(files.includes("backends.ts") && files.includes("register_kernels.ts"), `found ${files}`);
  const imports = files.map((f) => `await import("./lib/backend/${f}");`).join("\n");
  const out = await runFresh(
    ["--allow-read"],
    `import * as tf from "@tensorflow/tfjs-core";\n${imports}\n` +
      `console.log(JSON.stringify({ backend: tf.getBackend() ?? null, ` +
      `factories: Object.keys(tf.engine().registryFactory), ` +
      `kernels: ["wasm", "cpu", "webgpu"].map((b) => tf.getKernelsForBackend(b).length) }));`,
  );
  assert.deepEqual(JSON.parse(out), { backend: null, factories: [], kernels: [0, 0, 0] });
});

Deno.test("useBackend('wasm') without read permission rejects with BackendUnavailableError naming --allow-read", async () => {
  const out = await runFresh(
    [],
    `import { useBackend } from "./lib/backend/backends.ts";\n` +
      `try { await useBackend("wasm"); console.log("{}"); }\n` +
      `catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message })); }`,
  );
  const { name, message } = JSON.parse(out);
  assert.equal(name, "BackendUnavailableError");
  assert.match(message, /--allow-read/);
});

Deno.test("useBackend('tensorflow') rejects with a one-sentence install hint and no stack trace", async (t) => {
  const tensorflow = (await probeBackends()).find((p) => p.name === "tensorflow")!;
  if (tensorflow.available) {
    await t.step({ name: "skipped: tfjs-node is installed here", ignore: true, fn() {} });
    return;
  }
  const error = await useBackend("tensorflow").then(() => null, (e: unknown) => e);
  assert.ok(error instanceof BackendUnavailableError, `expected BackendUnavailableError, got ${error}`);
  assert.equal(error.backend, "tensorflow");
  for (
    const needed of [
      "@tensorflow/tfjs-node-gpu",
      "@tensorflow/tfjs-node",
      "--allow-ffi",
      "nodeModulesDir",
      "--allow-scripts",
      "CUDA 11.2",
      "cuDNN 8.1",
      "TFJS_NODE_BASE_URI",
      "deps/lib",
    ]
  ) {
    assert.ok(error.message.includes(needed), `the message should mention ${needed}: ${error.message}`);
  }
  assert.ok(!error.message.includes("\n"), `one line expected: ${error.message}`);
  assert.doesNotMatch(error.message, /\bat \S+:\d+|file:\/\//, "no stack frames or paths in the message");
});

Deno.test("useBackend('wasm') adds the conv weight gradient and describes what runs", async () => {
  const info = await useBackend("wasm");
  assert.equal(info.name, "wasm");
  assert.equal(tf.getBackend(), "wasm");
  assert.match(info.description, /^wasm \(XNNPACK, (SIMD|no SIMD), \d+ threads?\) \+ asge kernels: /);
  assert.ok(info.description.includes("Conv2DBackpropFilter"), info.description);
  assert.equal(info.reason, undefined);
  assert.ok(tf.getKernel("Conv2DBackpropFilter", "wasm"), "wasm has no weight gradient after useBackend");
});

Deno.test({
  name: "useBackend('webgpu') replaces tfjs's slow weight gradient and names the adapter",
  ...sanitizersFor("webgpu"),
  async fn(t) {
    const webgpu = (await probeBackends()).find((p) => p.name === "webgpu")!;
    if (!webgpu.available) {
      await t.step({ name: `skipped: ${webgpu.reason}`, ignore: true, fn() {} });
      return;
    }
    const info = await useBackend("webgpu");
    assert.equal(tf.getBackend(), "webgpu");
    assert.match(info.description, /^webgpu \(adapter .+\) \+ asge kernels: Conv2DBackpropFilter$/);
    const asge = await import("../../lib/backend/conv2d_backprop_filter.ts");
    assert.equal(tf.getKernel("Conv2DBackpropFilter", "webgpu")?.kernelFunc, asge.conv2dBackpropFilter);
  },
});

Deno.test("registerAsgeKernels() is idempotent and the replaced BatchMatMul still serves untransposed products", async () => {
  await useBackend("wasm");
  const first = tf.getKernel("BatchMatMul", "wasm");
  assert.deepEqual(registerAsgeKernels("wasm"), [
    "Conv2DBackpropFilter",
    "Conv2DBackpropInput",
    "BatchMatMul",
    "RmsPoolChannelNorm",
  ]);
  assert.equal(tf.getKernel("BatchMatMul", "wasm")?.kernelFunc, first?.kernelFunc);
  const product = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2]));
  assert.deepEqual(Array.from(await product.data()), [19, 22, 43, 50]);
  tf.dispose(product);
});

Deno.test({
  name: "useBackend('auto') starts a real backend and says why it chose it",
  ...sanitizersFor("webgpu"),
  async fn() {
    const probes = await probeBackends();
    const info = await useBackend("auto");
    assert.notEqual(info.name, "auto" as BackendName);
    assert.equal(tf.getBackend(), info.name);
    assert.ok(info.description.startsWith(`auto chose ${info.name}`), info.description);
    assert.ok(info.reason !== undefined && info.reason.length > 0, "auto must give a reason");
    const available = (name: string) => probes.find((p) => p.name === name)!.available;
    if (!available("tensorflow")) assert.notEqual(info.name, "tensorflow");
    if (info.name === "wasm") {
      assert.match(info.reason, /tensorflow: /);
      assert.match(info.hint ?? "", /apt-get install libdnnl2/);
    }
    if (available("onednn") && !available("tensorflow")) assert.notEqual(info.name, "wasm");
  },
});

Deno.test({
  name: "probeBackends() reports tensorflow, webgpu, onednn, wasm and cpu, each with a reason",
  ...sanitizersFor("webgpu"),
  async fn() {
    const probes = await probeBackends();
    assert.deepEqual(probes.map((p) => p.name), ["tensorflow", "webgpu", "onednn", "wasm", "cpu"]);
    for (const p of probes) assert.ok(p.reason.length > 0, `${p.name} has no reason`);
    assert.ok(probes.find((p) => p.name === "cpu")!.available);
  },
});

Deno.test("useBackend() rejects an unknown name with the list of known ones", async () => {
  const error = await useBackend("gpu" as BackendName).then(() => undefined, (e: Error) => e);
  assert.match(String(error?.message), /^Unknown backend "gpu"; use one of /);
  for (const name of ["auto", "onednn", "wasm", "webgpu", "tensorflow", "cpu"]) {
    assert.match(String(error?.message), new RegExp(`\\b${name}\\b`), `the list names ${name}`);
  }
});
