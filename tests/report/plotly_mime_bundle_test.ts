import assert from "node:assert/strict";
import { plotlyMimeBundle, resetPlotlyLibraryEmitted } from "../../lib/report/plotly_mime_bundle.ts";
import { plotlyBundle } from "../../lib/report/plotly_bundle.ts";
import { blockLossChart } from "../../lib/report/epoch_charts.ts";
import { fakeEpochs } from "./_fixtures.ts";

const LIBRARY_MARK = "plotly.js (cartesian - minified)";

Deno.test("plotlyMimeBundle() carries the figure as Plotly JSON with HTML and text fallbacks", async () => {
  const fig = blockLossChart(fakeEpochs(3, 2, false));
  const bundle = await plotlyMimeBundle(fig, { includeLibrary: false });
  const json = bundle["application/vnd.plotly.v1+json"];
  assert.equal(json.data.length, 2);
  assert.deepEqual(json.layout.title, fig.layout.title);
  assert.equal(bundle["text/plain"], "Plotly figure: Local loss per block (training)");
  assert.match(
    bundle["text/html"],
    /<div id="asge-plot-[0-9a-f-]{36}" style="width:100%;height:420px"><\/div>/,
  );
  assert.match(bundle["text/html"], /window\.Plotly\.newPlot\(el, fig\.data, fig\.layout/);
  assert.ok(!bundle["text/html"].includes(LIBRARY_MARK));
  // JSON-able: NaN never reaches the kernel.
  assert.doesNotMatch(JSON.stringify(bundle), /NaN/);
});

Deno.test("plotlyMimeBundle() inlines the library in the first bundle only, until reset", async () => {
  resetPlotlyLibraryEmitted();
  const fig = blockLossChart(fakeEpochs(2, 1));
  const first = await plotlyMimeBundle(fig);
  const second = await plotlyMimeBundle(fig);
  const forced = await plotlyMimeBundle(fig, { includeLibrary: true });
  assert.ok(first["text/html"].includes(LIBRARY_MARK));
  assert.ok(!second["text/html"].includes(LIBRARY_MARK));
  assert.ok(forced["text/html"].includes(LIBRARY_MARK));
  resetPlotlyLibraryEmitted();
  assert.ok((await plotlyMimeBundle(fig))["text/html"].includes(LIBRARY_MARK));
  resetPlotlyLibraryEmitted();
});

Deno.test("plotlyBundle() loads plotly.js once and the bundle has every trace type the charts use", async () => {
  const [a, b] = await Promise.all([plotlyBundle(), plotlyBundle()]);
  assert.equal(a, b);
  assert.ok(a.length > 1_000_000);
  assert.ok(a.includes("window.Plotly"));
  for (const type of ["scatter", "bar", "heatmap", "image"]) assert.ok(a.includes(`"${type}"`), type);
});
