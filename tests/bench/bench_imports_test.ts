import assert from "node:assert/strict";

Deno.test("bench/ imports @tensorflow/tfjs-core and backend packages, never the @tensorflow/tfjs union", async () => {
  const offenders: string[] = [];
  let files = 0;
  for await (const entry of Deno.readDir(new URL("../../bench/", import.meta.url))) {
    if (!entry.isFile || !entry.name.endsWith(".ts")) continue;
    files++;
    const text = await Deno.readTextFile(new URL(`../../bench/${entry.name}`, import.meta.url));
    // The union registers the cpu and webgl backends and pulls in layers, converter and data on import.
    for (
      const match of text.matchAll(
        /(?:from|import)\s*\(?\s*["'](@tensorflow\/tfjs|npm:@tensorflow\/tfjs(?:@[^"']*)?)["']/g,
      )
    ) {
      offenders.push(`${entry.name}: ${match[0]}`);
    }
  }
  assert.ok(files > 10, `found only ${files} files in bench/`);
  assert.deepEqual(offenders, []);
});
