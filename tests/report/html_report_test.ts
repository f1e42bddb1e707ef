import assert from "node:assert/strict";
import { renderHtmlReport, writeHtmlReport } from "../../lib/report/html_report.ts";
import { fakeConfig, fakeEpochs, fakeReportInput, fakeStrategies } from "./_fixtures.ts";

function figuresOf(html: string): { id: string; data: unknown[]; layout: Record<string, unknown> }[] {
  const match = html.match(/<script type="application\/json" id="asge-figures">([^<]*)<\/script>/);
  assert.ok(match, "figures JSON element missing");
  return JSON.parse(match[1]);
}

Deno.test("renderHtmlReport() escapes every text from the input", async () => {
  const html = await renderHtmlReport({
    title: `<script>alert("t")</script>`,
    subtitle: `a & b "quoted" 'single'`,
    config: { preset: "<img src=x onerror=alert(1)>", nested: { key: "</pre><b>" } },
  });
  assert.ok(html.includes("<title>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;</title>"));
  assert.ok(html.includes("a &amp; b &quot;quoted&quot; &#39;single&#39;"));
  assert.ok(!html.includes("<img src=x"));
  assert.ok(!html.includes("</pre><b>"));
  assert.ok(html.includes("&lt;/pre&gt;&lt;b&gt;"));
  assert.equal((html.match(/<script/g) ?? []).length, 0, "no charts, so no scripts at all");
});

Deno.test("renderHtmlReport() keeps script-breaking text inside the figures JSON harmless", async () => {
  const evil = "</script><script>alert(1)</script><!-- \u2028";
  const html = await renderHtmlReport({
    title: "t",
    extraCharts: [{
      figure: { data: [{ type: "scatter", name: evil, x: [1], y: [2] }], layout: {} },
      caption: evil,
    }],
  });
  // Only the report's own script elements: the inlined library, the figures JSON and the drawing code.
  assert.equal((html.match(/<script/gi) ?? []).length, 3);
  assert.equal((html.match(/<\/script>/gi) ?? []).length, 3);
  assert.ok(!html.includes("<!-- "));
  // The text survives the round trip unchanged.
  assert.equal(figuresOf(html)[0].data.length, 1);
  assert.equal((figuresOf(html)[0].data[0] as { name: string }).name, evil);
  assert.ok(html.includes("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "caption escaped");
});

Deno.test("renderHtmlReport() is self-contained: Plotly inlined once, no external resources", async () => {
  const html = await renderHtmlReport(fakeReportInput());
  assert.equal((html.match(/plotly\.js \(cartesian - minified\)/g) ?? []).length, 1);
  assert.doesNotMatch(html, /<script[^>]+src=/);
  assert.doesNotMatch(html, /<link[^>]+href=/);
  assert.doesNotMatch(html, /@import/);
  assert.ok(html.length > 1_000_000);
});

Deno.test("renderHtmlReport() draws every chart the data supports, numbered, with its trace count", async () => {
  const html = await renderHtmlReport(fakeReportInput());
  const figures = figuresOf(html);
  assert.equal(figures.length, 9);
  for (const [i, figure] of figures.entries()) {
    assert.equal(figure.id, `chart-${i + 1}`);
    assert.ok(html.includes(`id="chart-${i + 1}" data-traces="${figure.data.length}"`));
    assert.ok(html.includes(`<b>Figure ${i + 1}.</b>`));
    assert.equal((figure.layout.title as { text: string }).text, "", "titles move to the caption");
  }
  const only = figuresOf(await renderHtmlReport({ title: "t", strategies: fakeStrategies() }));
  assert.equal(only.length, 1);
});

Deno.test("renderHtmlReport() shows the results with the paper's number, the config table and its JSON", async () => {
  const html = await renderHtmlReport({
    title: "run",
    config: fakeConfig(),
    epochs: fakeEpochs(3, 2),
    strategies: fakeStrategies(),
    paper: { top1: 93.41 },
  });
  assert.match(
    html,
    /<td>Fusion<\/td><td>91\.31<\/td><td>90\.00<\/td><td>93\.41<\/td><td class="gap-neg">-2\.10<\/td>/,
  );
  assert.match(html, /<td>blocks\[2\]<\/td><td>channels 128, kernelSize 3, pool 2<\/td>/);
  assert.match(html, /<td>encoding\.alpha<\/td><td>1<\/td>/);
  assert.ok(html.includes("<summary>Config as JSON</summary>"));
  assert.ok(html.includes("&quot;goodnessSite&quot;: &quot;pre&quot;"));
  assert.match(html, /dataset fashion-mnist · preset fmnist-vgg4/);
});

Deno.test("writeHtmlReport() writes the file atomically and leaves no temp file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/report.html`;
    await Deno.writeTextFile(path, "old");
    await writeHtmlReport(path, { title: "new report", epochs: fakeEpochs(2, 2) });
    const text = await Deno.readTextFile(path);
    assert.match(text, /<h1>new report<\/h1>/);
    const names = [...Deno.readDirSync(dir)].map((e) => e.name);
    assert.deepEqual(names, ["report.html"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
