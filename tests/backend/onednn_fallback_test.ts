/**
 * The onednn backend's refusals: a missing library or a oneDNN 3.x library never crashes a run. In a fresh
 * process (the library is opened once per process), `auto` falls back to wasm with the one-line install hint
 * and `useBackend("onednn")` rejects with one sentence naming what was found and what to install.
 */
import assert from "node:assert/strict";
import { hasCommand } from "../_has_command.ts";

const SCRIPT = `
import { useBackend } from "${new URL("../../lib/backend/backends.ts", import.meta.url).href}";
const auto = await useBackend("auto");
let refusal = "";
try { await useBackend("onednn"); } catch (e) { refusal = e.name + ": " + e.message; }
console.log(JSON.stringify({ name: auto.name, hint: auto.hint ?? "", reason: auto.reason ?? "", refusal }));
`;

async function runWith(
  env: Record<string, string>,
): Promise<{ name: string; hint: string; refusal: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", SCRIPT],
    env: { ...env, LD_LIBRARY_PATH: "/nonexistent-lib-dir" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, `the subprocess failed:\n${stderr}`);
  assert.doesNotMatch(stderr, /panicked|Segmentation|at .*\.ts:\d+/, "no crash and no stack trace");
  return JSON.parse(new TextDecoder().decode(out.stdout).trim().split("\n").at(-1)!);
}

Deno.test("onednn: with ASGE_ONEDNN naming a missing file, auto runs wasm and hints at apt-get install libdnnl2", async () => {
  const result = await runWith({ ASGE_ONEDNN: "/nonexistent/libdnnl.so.2" });
  assert.equal(result.name, "wasm");
  assert.match(result.hint, /apt-get install libdnnl2/);
  assert.match(
    result.refusal,
    /^BackendUnavailableError: onednn backend unavailable: oneDNN: ASGE_ONEDNN=\/nonexistent/,
  );
  assert.match(result.refusal, /apt-get install libdnnl2/);
});

Deno.test({
  name: `onednn: a oneDNN 3.x library is refused in one sentence${
    hasCommand("gcc") ? "" : " (skipped: gcc is not installed)"
  }`,
  ignore: !hasCommand("gcc"),
  async fn() {
    // A stand-in for libdnnl.so.3: it exports only dnnl_version(), reporting 3.5.0, as a real 3.x does.
    const dir = await Deno.makeTempDir({ prefix: "asge-fake-dnnl-" });
    try {
      await Deno.writeTextFile(
        `${dir}/fake.c`,
        `typedef struct { int major, minor, patch; const char *hash; unsigned cpu_runtime, gpu_runtime; } v_t;
static const v_t v = {3, 5, 0, "fake", 2, 0};
const v_t *dnnl_version(void) { return &v; }\n`,
      );
      const cc = await new Deno.Command("gcc", {
        args: ["-shared", "-fPIC", `${dir}/fake.c`, "-o", `${dir}/libdnnl.so.3`],
      }).output();
      assert.ok(cc.success, new TextDecoder().decode(cc.stderr));
      const result = await runWith({ ASGE_ONEDNN: `${dir}/libdnnl.so.3` });
      assert.equal(result.name, "wasm");
      assert.match(
        result.refusal,
        /found oneDNN 3\.5\.0 at .*libdnnl\.so\.3, but asge's binding speaks the 2\.x C API/,
      );
      assert.match(result.refusal, /apt-get install libdnnl2/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

const FASHION = "/usr/share/datasets/fashion-mnist";
const hasFashion = (() => {
  try {
    return Deno.statSync(`${FASHION}/train-images-idx3-ubyte.gz`).isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: `train without oneDNN: runs on wasm, prints the backend first and the install hint, exits 0${
    hasFashion ? "" : " (skipped: apt-get install dataset-fashion-mnist)"
  }`,
  ignore: !hasFashion,
  async fn() {
    const out = await Deno.makeTempDir({ prefix: "asge-fallback-run-" });
    try {
      const train = new URL("../../lib/cli/train.ts", import.meta.url).pathname;
      const run = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          train,
          "--dataset",
          "fashion-mnist",
          "--limit",
          "256",
          "--epochs",
          "1",
          "--offline",
        ]
          .concat(["--data-dir", FASHION, "--out", `${out}/run`]),
        env: { ASGE_ONEDNN: "/nonexistent/libdnnl.so.2", LD_LIBRARY_PATH: "/nonexistent-lib-dir" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      // Progress and the backend line go to stderr; stdout gets the result tables.
      const stderr = new TextDecoder().decode(run.stderr);
      assert.equal(run.code, 0, `exit ${run.code}\n${stderr}`);
      const lines = stderr.split("\n");
      assert.match(lines[0], /^backend: auto chose wasm/);
      assert.equal(lines.filter((l) => /apt-get install libdnnl2/.test(l)).length, 1, "one hint line");
      assert.match(lines[1], /^hint: .*apt-get install libdnnl2/);
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
