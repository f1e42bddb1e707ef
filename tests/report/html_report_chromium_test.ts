/**
 * Renders a generated report in headless Debian Chromium and checks from the DOM after the scripts ran that every
 * chart was really drawn by Plotly with the expected number of traces of each kind, then takes a screenshot.
 * Skipped, with the reason printed, when /usr/bin/chromium is absent. Set ASGE_REPORT_SCREENSHOT=/path.png to
 * keep the screenshot for a look.
 */

import assert from "node:assert/strict";
import { writeHtmlReport } from "../../lib/report/html_report.ts";
import { reportCharts } from "../../lib/report/report_charts.ts";
import { plotlyMimeBundle, resetPlotlyLibraryEmitted } from "../../lib/report/plotly_mime_bundle.ts";
import { blockLossChart } from "../../lib/report/epoch_charts.ts";
import { strategyTradeoffPanel } from "../../lib/report/strategy_tradeoff_chart.ts";
import { CHROMIUM, chromiumAvailable, dumpDom, screenshot } from "./_chromium.ts";
import { fakeReportInput } from "./_fixtures.ts";

const available = await chromiumAvailable();
if (!available) {
  console.warn(`html_report_chromium_test: skipped, ${CHROMIUM} is absent (apt-get install -y chromium)`);
}

/** The DOM of each chart div, from its opening tag to the end of its <figure>. */
function chartDoms(dom: string): Map<string, string> {
  const charts = new Map<string, string>();
  for (const part of dom.split(/(?=<div class="plot[^"]*" id="chart-\d+")/).slice(1)) {
    const id = part.match(/^<div class="plot[^"]*" id="(chart-\d+)"/)![1];
    charts.set(id, part.slice(0, part.indexOf("</figure>")));
  }
  return charts;
}

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

Deno.test({
  name: "writeHtmlReport() output draws every chart in headless Chromium",
  ignore: !available,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "asge-report-" });
    try {
      const input = fakeReportInput();
      const path = `${dir}/report.html`;
      await writeHtmlReport(path, input);
      const dom = await dumpDom(path);
      assert.match(dom, /<h1>/, "Chromium returned no DOM");
      const charts = chartDoms(dom);
      const expected = reportCharts(input);
      assert.equal(charts.size, expected.length);
      for (const [i, chart] of expected.entries()) {
        const id = `chart-${i + 1}`;
        const html = charts.get(id) ?? "";
        const types = chart.figure.data.map((t) => t.type);
        const of = (type: string) => types.filter((t) => t === type).length;
        assert.match(html, /^<div class="plot js-plotly-plot"/, `${id} was not drawn by Plotly`);
        assert.doesNotMatch(html, /class="[^"]*\bfailed\b/, `${id} reported a drawing error`);
        assert.ok(html.includes('<svg class="main-svg"'), `${id} has no SVG`);
        assert.equal(count(html, /<g class="trace scatter/g), of("scatter"), `${id} scatter traces`);
        assert.equal(count(html, /<g class="trace bars/g), of("bar"), `${id} bar traces`);
        assert.equal(count(html, /<g class="hm"/g), of("heatmap"), `${id} heat maps`);
        assert.equal(count(html, /<g class="im"/g), of("image"), `${id} images`);
        // Heat maps and images are rasterised into <image> elements with PNG data.
        const rasters = count(html, /<image[^>]+href="data:image\/png;base64,[A-Za-z0-9+/=]{100,}"/g);
        assert.equal(rasters, of("heatmap") + of("image"), `${id} raster images`);
        // Every line trace drew a path through its points (legend samples are plain "M5,0h30" strokes).
        const lineTraces = chart.figure.data
          .filter((t) => String(t.mode ?? "").includes("lines") && (t.x as unknown[]).length >= 2).length;
        const drawnLines = [...html.matchAll(/<path class="js-line" d="([^"]*)"/g)]
          .filter(([, d]) => count(d, /L/g) >= 1).length;
        assert.equal(drawnLines, lineTraces, `${id} lines`);
      }
      // Spot checks of what a reader sees: the legend of the block chart and the confusion counts.
      assert.ok(charts.get("chart-3")!.includes("Block 4 validation"));
      assert.ok(charts.get("chart-8")!.includes(">940<"));

      const png = `${dir}/report.png`;
      await screenshot(path, png, { width: 1280, height: 7000 });
      const bytes = await Deno.readFile(png);
      assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], "screenshot is not a PNG");
      // A blank page of this size compresses to a few kB; drawn charts and images take hundreds.
      assert.ok(bytes.length > 150_000, `screenshot is only ${bytes.length} bytes: charts missing?`);
      const keep = Deno.env.get("ASGE_REPORT_SCREENSHOT");
      if (keep) await Deno.copyFile(png, keep);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "plotlyMimeBundle() HTML fallbacks draw in Chromium with the library inlined only in the first",
  ignore: !available,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "asge-notebook-" });
    try {
      resetPlotlyLibraryEmitted();
      const input = fakeReportInput();
      const figures = [blockLossChart(input.epochs!), strategyTradeoffPanel(input.strategies!)];
      const bundles = [];
      for (const figure of figures) bundles.push(await plotlyMimeBundle(figure));
      resetPlotlyLibraryEmitted();
      // As nbconvert's HTML export lays out a notebook's outputs: one page, outputs in order.
      const outputs = bundles.map((b) => `<div class="output">${b["text/html"]}</div>`).join("\n");
      const path = `${dir}/notebook.html`;
      await Deno.writeTextFile(path, `<!DOCTYPE html><html><body>\n${outputs}\n</body></html>`);
      const dom = await dumpDom(path);
      const plots = dom.split(/(?=<div id="asge-plot-)/).slice(1);
      assert.equal(plots.length, 2);
      assert.equal(count(plots[0], /<g class="trace scatter/g), 4, "first output: 4 loss lines");
      assert.equal(count(plots[1], /<g class="trace scatter/g), 9, "second output: 9 trade-off points");
      assert.doesNotMatch(dom, />Plotly is not loaded/, "an output drew without the library");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
