import assert from "node:assert/strict";
import { sourceFiles } from "./_source_files.ts";

/**
 * The doc examples are tests (`deno test --doc` runs every fenced `ts` block that is not marked `ignore`), so
 * they must check what they show rather than print it, and must pick a backend the way a user does before they
 * make a tensor (else tfjs greets the reader with advice to install tfjs-node).
 */
interface Example {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

const root = new URL("../", import.meta.url);

/** Every fenced block that `deno test --doc` runs, with the doc comment's leading `*` removed. */
async function runnableExamples(): Promise<Example[]> {
  const files = [new URL("mod.ts", root)];
  for (const top of ["lib/", "datasets/"]) {
    for await (const file of sourceFiles(new URL(top, root))) files.push(file);
  }
  const examples: Example[] = [];
  for (const file of files) {
    const lines = (await Deno.readTextFile(file)).split("\n");
    for (let i = 0; i < lines.length; i++) {
      const fence = lines[i].match(/^\s*\*\s?```(\S*)\s*(.*)$/);
      if (!fence || !["ts", "typescript"].includes(fence[1]) || /\bignore\b/.test(fence[2])) continue;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^\s*\*\s?```/.test(lines[j]); j++) {
        body.push(lines[j].replace(/^\s*\*\s?/, ""));
      }
      examples.push({ file: file.pathname.slice(root.pathname.length), line: i + 1, code: body.join("\n") });
      i = j;
    }
  }
  return examples;
}

Deno.test("doc examples check what they show: each asserts or throws, none prints", async () => {
  const examples = await runnableExamples();
  assert.ok(examples.length > 70, `found only ${examples.length} runnable examples`);
  for (const { file, line, code } of examples) {
    assert.ok(
      !/console\.(log|info|table|dir)\(/.test(code),
      `${file}:${line}: the example prints; assert instead`,
    );
    // A call that resolves or rejects is a check too (verifyFile, atomicWrite read back, ...), but a bare
    // statement that cannot fail is not: every example names an assertion or throws.
    assert.ok(/\bassert\b|\bthrow\b/.test(code), `${file}:${line}: the example checks nothing`);
  }
});

Deno.test("doc examples that make tensors import tfjs-core and choose a backend with useBackend first", async () => {
  let withTensors = 0;
  for (const { file, line, code } of await runnableExamples()) {
    assert.ok(
      !/from\s+["']@tensorflow\/tfjs["']/.test(code),
      `${file}:${line}: import "@tensorflow/tfjs-core", not the "@tensorflow/tfjs" union package`,
    );
    if (!/from\s+["']@tensorflow\/tfjs-core["']/.test(code)) continue;
    withTensors++;
    const chooses = code.search(/\bawait useBackend\(/);
    const firstTensor = code.search(/\btf\.\w+\(/);
    assert.ok(chooses >= 0, `${file}:${line}: the example makes tensors without calling useBackend`);
    assert.ok(
      firstTensor < 0 || chooses < firstTensor,
      `${file}:${line}: useBackend comes after the first tensor`,
    );
    assert.ok(!/\btf\.setBackend\(/.test(code), `${file}:${line}: use useBackend, not tf.setBackend`);
  }
  assert.ok(withTensors >= 7, `only ${withTensors} examples make tensors; the scan may have missed some`);
});
