/**
 * Executes every notebook in small mode (ASGE_NOTEBOOK_MODE=small) through run_notebook.py and asserts on the
 * executed JSON: every code cell ran without error and each notebook shows the plots it is meant to show.
 * Skipped, with the reason, where Python's nbclient or the Deno kernelspec is missing.
 * @module
 */
import assert from "node:assert/strict";
import { cellSource, type Notebook, notebookNames, outputCounts, readNotebook } from "./_notebooks.ts";
import { notebookRunnerMissing, runNotebooks } from "./run_notebooks.ts";

const PLOTLY = "application/vnd.plotly.v1+json";

/** Plotly figures each notebook shows; a new notebook must be added here. */
const EXPECTED_PLOTS: Record<string, number> = {
  // samples, per-block accuracy, predictions
  "00_quickstart": 3,
  // training samples; the run report's charts: strategy accuracy, strategy trade-offs, block accuracy, block
  // loss, block goodness, class goodness (up to 20 classes), patch goodness, Best's confusion matrix (up to 100
  // classes), test samples; then Fusion's confusion matrix and the misclassified images
  "01_mnist": 12,
  "02_fashion_mnist": 12,
  "03_cifar10": 12,
  "04_cifar100": 11,
  "05_imagenet": 10,
  // block accuracy x 3 variants, patch goodness x 2, class logits, strategy trade-offs
  "06_goodness_and_strategies": 7,
};

/** Notebooks that train a network: their progress display must end in a finished state. */
const TRAINING_PROGRESS_DONE = /done/;

const missing = await notebookRunnerMissing();
if (missing) console.warn(`notebooks_test.ts skipped: ${missing}`);

function texts(notebook: Notebook, mime: string): string[] {
  return notebook.cells.flatMap((cell) =>
    (cell.outputs ?? []).flatMap((o) => {
      const value = o.data?.[mime];
      return value === undefined ? [] : [Array.isArray(value) ? value.join("") : String(value)];
    })
  );
}

function assertRanClean(name: string, notebook: Notebook): void {
  notebook.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    assert.ok(typeof cell.execution_count === "number", `${name} cell ${i + 1} did not run`);
    const error = (cell.outputs ?? []).find((o) => o.output_type === "error");
    assert.equal(
      error,
      undefined,
      `${name} cell ${i + 1} failed: ${error?.ename}: ${error?.evalue}\n--- cell source ---\n${
        cellSource(cell)
      }`,
    );
  });
}

Deno.test("every notebook has an expected plot count", () => {
  assert.deepEqual(notebookNames(), Object.keys(EXPECTED_PLOTS).sort());
});

Deno.test({
  name: "notebooks run in small mode: every cell without error, every expected plot present",
  ignore: missing !== undefined,
  async fn(t) {
    const outDir = await Deno.makeTempDir({ prefix: "asge-notebooks-" });
    try {
      const names = notebookNames();
      const results = await runNotebooks(names, outDir, { mode: "small", jobs: 2 });
      for (const result of results) {
        await t.step(`${result.name}.ipynb (${result.seconds} s)`, () => {
          const notebook = readNotebook(result.output);
          assertRanClean(result.name, notebook);
          assert.equal(result.code, 0, `run_notebook.py failed for ${result.name}:\n${result.stderr}`);
          const counts = outputCounts(notebook);
          assert.equal(
            counts.get(PLOTLY) ?? 0,
            EXPECTED_PLOTS[result.name],
            `${result.name}: Plotly figures`,
          );
          // Every figure also carries the HTML fallback that nbconvert's HTML export keeps, and the first
          // one inlines the Plotly library for the others.
          const figures = notebook.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.data?.[PLOTLY]));
          const html = figures.map((o) => [o.data?.["text/html"] ?? ""].flat().join(""));
          assert.ok(html.every((h) => h.includes("Plotly.newPlot")), `${result.name}: figure without HTML`);
          assert.ok(html[0].includes("plotly.js"), `${result.name}: the first figure does not inline Plotly`);
          const markdown = texts(notebook, "text/markdown").join("\n");
          assert.match(markdown, /\*\*Mode:\*\* small/, `${result.name} did not run in small mode`);
          const progress = texts(notebook, "text/html").filter((h) => h.includes("asge-progress"));
          assert.ok(progress.length >= 1, `${result.name}: no training progress display`);
          for (const html of progress) assert.match(html, TRAINING_PROGRESS_DONE, `${result.name}: progress`);
        });
      }
      const standIns = ["03_cifar10", "04_cifar100", "05_imagenet"];
      await t.step("notebooks without their dataset say they use a synthetic stand-in", () => {
        for (const name of standIns) {
          const markdown = texts(readNotebook(`${outDir}/${name}.ipynb`), "text/markdown").join("\n");
          assert.match(markdown, /Synthetic stand-in|from disk/, name);
        }
      });
    } finally {
      await Deno.remove(outDir, { recursive: true });
    }
  },
});
