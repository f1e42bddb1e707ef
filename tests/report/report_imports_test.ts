import assert from "node:assert/strict";

const ALLOWED = [/^\.\/[a-z_]+\.ts$/, /^\.\.\/(util|config|model|training|prediction)\/[a-z_]+\.ts$/];

Deno.test("lib/report imports only its own folder, the layers to its left and the lazy Plotly bundle", async () => {
  const dir = new URL("../../lib/report/", import.meta.url);
  let files = 0;
  let specifiers = 0;
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".ts")) continue;
    files++;
    const source = await Deno.readTextFile(new URL(entry.name, dir));
    for (
      const [, specifier] of source.matchAll(
        /^(?:import|export)\s+(?:type\s+)?(?:\{[^}]*\}|\*\s+as\s+\w+|\w+)\s+from\s+["']([^"']+)["']/gm,
      )
    ) {
      assert.ok(ALLOWED.some((re) => re.test(specifier)), `${entry.name} imports "${specifier}"`);
      specifiers++;
    }
    const dynamic = [...source.matchAll(/import\(\s*["']([^"']+)["']/g)].map((m) => m[1]);
    if (entry.name === "plotly_bundle.ts") {
      assert.deepEqual(dynamic, ["plotly.js-cartesian-dist-min/plotly-cartesian.min.js"]);
    } else {
      assert.deepEqual(dynamic, [], `${entry.name} has a dynamic import`);
    }
  }
  assert.ok(files >= 15 && specifiers >= 40, `${files} files, ${specifiers} imports: the scan found too few`);
});
