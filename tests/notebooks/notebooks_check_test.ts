import assert from "node:assert/strict";
import { checkNotebooks, notebookImportsDiffer } from "./check_notebooks.ts";
import { NOTEBOOKS_DIR, ROOT } from "./_notebooks.ts";

Deno.test("checkNotebooks() type-checks and lints the code cells of every notebook", async () => {
  const result = await checkNotebooks();
  assert.ok(result.files.length >= 7, `only ${result.files.length} notebooks found`);
  assert.ok(result.ok, `deno check or deno lint failed on the notebooks' code:\n${result.output}`);
});

Deno.test("notebookImportsDiffer() finds notebooks/deno.json in sync with the root deno.json", () => {
  assert.equal(notebookImportsDiffer(), undefined);
  const read = (path: string) => JSON.parse(Deno.readTextFileSync(path));
  assert.equal(read(`${NOTEBOOKS_DIR}/deno.json`).nodeModulesDir, read(`${ROOT}/deno.json`).nodeModulesDir);
});
