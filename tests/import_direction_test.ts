import assert from "node:assert/strict";

/**
 * The layers of lib/, in the order data flows; a file may import from its own folder and from folders to its
 * left. backend/ stands beside the chain: only cli/, parallel/ (whose worker threads each pick one), mod.ts and
 * tests choose a backend. parallel/ sits beside training (it is a step engine) and only cli/ uses it.
 * datasets/ uses only util and config; nothing imports cli/.
 */
const CHAIN = ["util", "config", "data", "model", "prediction", "training", "report", "run", "study", "cli"];

function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  if (from === "datasets") return to === "util" || to === "config";
  if (to === "cli") return false;
  if (to === "datasets") return from === "cli";
  if (to === "backend") return from === "cli" || from === "parallel";
  if (from === "backend") return to === "util";
  if (to === "parallel") return from === "cli";
  if (from === "parallel") return CHAIN.indexOf(to) <= CHAIN.indexOf("training");
  return CHAIN.indexOf(to) < CHAIN.indexOf(from);
}

async function* sourceFiles(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) yield* sourceFiles(url);
    else if (entry.name.endsWith(".ts")) yield url;
  }
}

const root = new URL("../", import.meta.url);
const folderOf = (url: URL) => {
  const path = url.pathname.slice(root.pathname.length);
  return path.startsWith("lib/") ? path.split("/")[1] : path.split("/")[0];
};

Deno.test("imports follow the layer order util -> config -> data -> model -> prediction -> training -> report -> run -> study -> cli", async () => {
  let checked = 0;
  for (const top of ["lib/", "datasets/"]) {
    for await (const file of sourceFiles(new URL(top, root))) {
      const source = await Deno.readTextFile(file);
      for (const [, specifier] of source.matchAll(/^\s*(?:import|export)[^"'`]*?from\s+["']([^"']+)["']/gm)) {
        if (!specifier.startsWith(".")) continue;
        const target = new URL(specifier, file);
        const [from, to] = [folderOf(file), folderOf(target)];
        assert.ok(
          allowed(from, to),
          `${file.pathname.slice(root.pathname.length)} imports ${specifier} (${from} -> ${to})`,
        );
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} imports were checked`);
});

Deno.test("importing mod.ts selects no backend and registers no kernel", async () => {
  const tf = await import("@tensorflow/tfjs-core");
  const before = tf.engine().backendName;
  await import("../mod.ts");
  assert.equal(tf.engine().backendName, before);
  assert.equal(tf.getKernel("Conv2DBackpropFilter", "wasm"), undefined);
});
