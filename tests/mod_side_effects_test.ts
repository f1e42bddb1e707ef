/**
 * "Importing mod.ts has no side effects", checked where it can fail: in a fresh Deno process, since tfjs keeps
 * its registries on `globalThis` and any earlier test would have filled them.
 * @module
 */
import assert from "node:assert/strict";
import { type DenoChildOutput, denoWithStdin } from "./_deno_child.ts";

const root = new URL("../", import.meta.url);

/** Runs `source` as a module in a fresh process at the repository root, with the given permission flags. */
function runFresh(source: string, permissions: string[] = []): Promise<DenoChildOutput> {
  return denoWithStdin(
    ["run", "--quiet", "--no-prompt", "--config", new URL("deno.json", root).pathname, ...permissions, "-"],
    source,
    { cwd: root, env: { NO_COLOR: "1" } },
  );
}

/** The last stdout line as JSON, after checking the child printed nothing else. */
function onlyResult(run: { code: number; stdout: string; stderr: string }): Record<string, unknown> {
  assert.equal(run.code, 0, `the child failed:\n${run.stderr}`);
  assert.equal(run.stderr, "", "the child printed to stderr");
  const lines = run.stdout.trimEnd().split("\n");
  assert.equal(lines.length, 1, `the child printed more than its result:\n${run.stdout}`);
  return JSON.parse(lines[0]);
}

Deno.test("importing mod.ts sets no backend, registers no backend, kernel or gradient, prints nothing, needs no permission", async () => {
  const result = onlyResult(
    await runFresh(`
      import * as asge from "./mod.ts";
      import * as tf from "@tensorflow/tfjs-core";
      const globals = (globalThis as { _tfGlobals?: Map<string, Map<string, unknown>> })._tfGlobals;
      console.log(JSON.stringify({
        exports: Object.keys(asge).length,
        backend: tf.getBackend() ?? null,
        factories: Object.keys(tf.engine().registryFactory),
        kernels: globals?.get("kernelRegistry")?.size ?? 0,
        gradients: globals?.get("gradRegistry")?.size ?? 0,
      }));
    `),
  );
  assert.ok((result.exports as number) > 50, `mod.ts exported only ${result.exports} names`);
  assert.deepEqual(
    { ...result, exports: 0 },
    { exports: 0, backend: null, factories: [], kernels: 0, gradients: 0 },
  );
});

Deno.test("mod.ts's static imports reach tfjs-core and no backend package or the @tensorflow/tfjs union", async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "info",
      "--json",
      "--config",
      new URL("deno.json", root).pathname,
      new URL("mod.ts", root).pathname,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  interface Dependency {
    readonly code?: { readonly specifier: string };
    readonly isDynamic?: boolean;
  }
  interface Module {
    readonly specifier: string;
    readonly kind?: string;
    readonly dependencies?: readonly Dependency[];
  }
  const info = JSON.parse(new TextDecoder().decode(stdout)) as {
    roots: string[];
    modules: Module[];
    redirects: Record<string, string>;
  };
  const modules = new Map(info.modules.map((m) => [m.specifier, m]));
  const reached = new Set<string>();
  const npm = new Set<string>();
  const stack = [...info.roots];
  while (stack.length > 0) {
    const next = stack.pop()!;
    const specifier = info.redirects[next] ?? next;
    if (reached.has(specifier)) continue;
    reached.add(specifier);
    const module = modules.get(specifier);
    if (module?.kind === "npm") npm.add(specifier.replace(/^npm:\/?/, "").replace(/@[^@/]+$/, ""));
    for (const dependency of module?.dependencies ?? []) {
      if (dependency.code && !dependency.isDynamic) stack.push(dependency.code.specifier);
    }
  }
  assert.ok(reached.size > 100, `only ${reached.size} modules reached from mod.ts`);
  assert.deepEqual([...npm], ["@tensorflow/tfjs-core"]);
});

Deno.test("new AsgeNetwork() before useBackend() says to call useBackend; after it, cpu runs, with gradients and chained ops, and prints no banner", async () => {
  const result = onlyResult(
    await runFresh(
      `
      import * as tf from "@tensorflow/tfjs-core";
      import { AsgeNetwork, DEFAULT_ENCODING, NoBackendError, planNetwork, useBackend } from "./mod.ts";
      const plan = planNetwork([{ channels: 2, kernelSize: 3, pool: 1 }], DEFAULT_ENCODING, [4, 4, 1], 2);
      let before = "no error";
      try {
        new AsgeNetwork(plan, DEFAULT_ENCODING, 1);
      } catch (error) {
        before = error instanceof NoBackendError ? error.message : "other error: " + error;
      }
      await useBackend("cpu");
      const network = new AsgeNetwork(plan, DEFAULT_ENCODING, 1);
      const logits = network.predict(tf.ones([1, 4, 4, 1])).logits.map((a) => a.shape);
      const slope = tf.grad((x: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, tf.ones([3, 3, 1, 1]), 1, "same").sum());
      const gradient = Array.from(await slope(tf.ones([1, 4, 4, 1])).data());
      console.log(JSON.stringify({ before, backend: tf.getBackend(), logits, corner: gradient[0] }));
    `,
      ["--allow-read", "--allow-env"],
    ),
  );
  assert.match(
    result.before as string,
    /^new AsgeNetwork\(\) needs a TensorFlow\.js backend and none is set: call `await useBackend\("wasm"\)`/,
  );
  // A 3x3 all-ones "same" conv on a 4x4 map: the corner pixel feeds 4 outputs.
  assert.deepEqual({ ...result, before: "" }, { before: "", backend: "cpu", logits: [[1, 2]], corner: 4 });
});
