import assert from "node:assert/strict";
import { formatNotebookText, unformattedNotebooks } from "./format_notebooks.ts";
import { NOTEBOOKS_DIR } from "./_notebooks.ts";

const quickstart = `${NOTEBOOKS_DIR}/00_quickstart.ipynb`;

Deno.test("unformattedNotebooks() finds every notebook formatted, without deno fmt's cache", async () => {
  assert.deepEqual(await unformattedNotebooks(), []);
});

Deno.test("unformattedNotebooks() reports a notebook whose code or markdown cell is not formatted", async () => {
  const text = await Deno.readTextFile(quickstart);
  const dir = await Deno.makeTempDir();
  try {
    const badCode = text.replace(/"const (\w+) = /, '"const $1   =   ');
    const badMarkdown = text.replace('"# Quickstart', '"#     Quickstart');
    assert.notEqual(badCode, text);
    assert.notEqual(badMarkdown, text);
    await Deno.writeTextFile(`${dir}/code.ipynb`, badCode);
    await Deno.writeTextFile(`${dir}/markdown.ipynb`, badMarkdown);
    await Deno.writeTextFile(`${dir}/good.ipynb`, text);
    const paths = ["code", "markdown", "good"].map((name) => `${dir}/${name}.ipynb`);
    assert.deepEqual(await unformattedNotebooks(paths), paths.slice(0, 2));
    assert.equal(await formatNotebookText(badCode, "code.ipynb"), text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("formatNotebookText() names the notebook it cannot format", async () => {
  await assert.rejects(formatNotebookText("{ not json", "broken.ipynb"), /Cannot format broken\.ipynb: /);
});
