/**
 * The self-contained HTML report of a run: title, results tables (with the paper's number and the gap), the
 * charts the data supports, a training log and the config. One file, Plotly inlined: it opens from disk with no
 * network and no server, and prints.
 * @module
 */

import type { RunConfig } from "../config/run_config.ts";
import { atomicWrite } from "../util/atomic_write.ts";
import { escapeHtml } from "./_html.ts";
import { flattenConfig } from "./_config_table.ts";
import { formatFixed, formatSignificant } from "../util/text_format.ts";
import { htmlTable, placeCharts, renderPageShell } from "./_page_shell.ts";
import type { PlotlyFigure } from "./plotly_figure.ts";
import { type ReportChartData, reportCharts } from "./report_charts.ts";
import { resultsTable, resultsTableCells } from "./results_table.ts";

/** Everything a report can show; only `title` is required, and each part appears only when given. */
export interface HtmlReportInput extends ReportChartData {
  /** Report title, e.g. `"fashion-mnist / vgg4 / seed 1"` (plain text). */
  readonly title: string;
  /** A line under the title, e.g. the run folder (plain text). */
  readonly subtitle?: string;
  /** When the report was made (default: now). */
  readonly createdAt?: Date | string;
  /** The run's resolved config (any JSON-able object is accepted). */
  readonly config?: RunConfig | Readonly<Record<string, unknown>>;
}

function table(header: readonly string[], rows: readonly (readonly string[])[], className = ""): string {
  const gapColumn = header.indexOf("Gap (points)");
  const cellClass = (text: string, column: number) =>
    column === gapColumn ? (text.startsWith("-") ? "gap-neg" : text.startsWith("+") ? "gap-pos" : "") : "";
  return htmlTable(header, rows, { className, cellClass });
}

function untitled(figure: PlotlyFigure): Record<string, unknown> {
  const margin = (figure.layout.margin ?? {}) as Record<string, unknown>;
  // Keep room for the mode bar above subplot titles and top legends.
  const top = typeof margin.t === "number" ? Math.max(50, margin.t - 20) : 50;
  return { ...figure.layout, title: { text: "" }, margin: { ...margin, t: top } };
}

function resultsSection(input: HtmlReportInput): string {
  const epochs = input.epochs ?? [];
  const results = resultsTable({
    strategies: input.strategies,
    finalEpoch: epochs.at(-1),
    paper: input.paper,
  });
  const cells = resultsTableCells(results);
  const parts: string[] = [];
  const paper = input.paper;
  const note = [
    results.epoch !== null ? `After epoch ${results.epoch}.` : "",
    paper
      ? `Paper: ${formatFixed(paper.top1)}% top-1${
        paper.top5 !== undefined ? `, ${formatFixed(paper.top5)}% top-5` : ""
      }` +
        `${paper.source ? ` (${paper.source})` : ""}; gap = measured − paper, in percentage points.`
      : "",
  ].filter(Boolean).join(" ");
  if (note) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  if (cells.strategies.rows.length > 0) {
    parts.push(`<h3>Prediction strategies</h3>\n${table(cells.strategies.header, cells.strategies.rows)}`);
  }
  if (cells.blocks.rows.length > 0) {
    parts.push(`<h3>Blocks</h3>\n${table(cells.blocks.header, cells.blocks.rows)}`);
  }
  if (epochs.length > 0) {
    const rows = epochs.map((e) => [
      String(e.epoch),
      formatSignificant(e.learningRate, 4),
      formatSignificant(Math.round(e.imagesPerSecond), 4),
      e.trainSeconds.toFixed(1),
      e.evalSeconds.toFixed(1),
      formatFixed(e.testAccuracy.last * 100),
      formatFixed(e.testAccuracy.fusion * 100),
      `${formatFixed(e.testAccuracy.best * 100)} (block ${e.bestBlock + 1})`,
    ]);
    const header = ["Epoch", "Learning rate", "Images/s", "Train (s)", "Eval (s)", "Last (%)", "Fusion (%)"]
      .concat(["Best (%)"]);
    const total = epochs.reduce((a, e) => a + e.trainSeconds + e.evalSeconds, 0);
    parts.push(
      `<details${epochs.length <= 12 ? " open" : ""}><summary>Training log (${epochs.length} epochs, ` +
        `${escapeHtml((total / 60).toFixed(1))} min)</summary>\n${table(header, rows)}</details>`,
    );
  }
  return parts.length > 0 ? `<section id="results"><h2>Results</h2>\n${parts.join("\n")}</section>` : "";
}

function configSection(config: HtmlReportInput["config"]): string {
  if (config === undefined) return "";
  const rows = flattenConfig(config);
  return `<section id="config"><h2>Configuration</h2>
${table(["Setting", "Value"], rows, "config")}
<details><summary>Config as JSON</summary><pre>${escapeHtml(JSON.stringify(config, null, 2))}</pre></details>
</section>`;
}

/**
 * Renders the report as one HTML document. Every text from the input is escaped; the figures travel as JSON in
 * a `<script type="application/json">` element and are drawn by the inlined Plotly when the page loads. A chart
 * that fails to draw shows the error in its place.
 *
 * @param input Title, config, metrics, strategy summaries, paper reference and chart data.
 * @returns The HTML text (about 1.5 MB with charts, because Plotly is inlined; a few kB without).
 * @example A report with a title only
 * ```ts
 * import { renderHtmlReport } from "./html_report.ts";
 * const html = await renderHtmlReport({ title: "A <quick> check" });
 * if (!html.includes("A &lt;quick&gt; check")) throw new Error("title not escaped");
 * ```
 */
export async function renderHtmlReport(input: HtmlReportInput): Promise<string> {
  const charts = reportCharts(input);
  const created = input.createdAt === undefined
    ? new Date().toISOString()
    : input.createdAt instanceof Date
    ? input.createdAt.toISOString()
    : input.createdAt;
  const config = input.config as Record<string, unknown> | undefined;
  const meta = [
    input.subtitle,
    typeof config?.dataset === "string" ? `dataset ${config.dataset}` : undefined,
    typeof config?.preset === "string" ? `preset ${config.preset}` : undefined,
    `generated ${created.replace("T", " ").replace(/\.\d+Z$/, " UTC")}`,
  ].filter((s): s is string => Boolean(s));
  const results = resultsSection(input);
  const nav = [
    results ? `<a href="#results">Results</a>` : "",
    charts.length > 0 ? `<a href="#charts">Charts</a>` : "",
    input.config !== undefined ? `<a href="#config">Configuration</a>` : "",
  ].filter(Boolean).join("");
  const placed = placeCharts(charts.map((chart) => ({
    figure: chart.figure,
    note: chart.caption,
    layout: untitled(chart.figure),
  })));
  return await renderPageShell({
    title: input.title,
    meta,
    body: [nav ? `<nav>${nav}</nav>` : "", results, placed.section, configSection(input.config)],
    figures: placed.figures,
  });
}

/**
 * Renders the report and writes it to `path` atomically (temp file, then rename), so a reader never sees half
 * a report.
 *
 * @param path Target file, e.g. `runs/<run>/report.html`.
 * @param input As for {@link renderHtmlReport}.
 * @returns When the file is in place.
 * @example Write a report of a run
 * ```ts ignore
 * import { writeHtmlReport } from "./html_report.ts";
 * await writeHtmlReport(`${runDir}/report.html`, {
 *   title: "fashion-mnist / vgg4", config, epochs, strategies, paper: { top1: 93.41, source: "ASGE v2" },
 * });
 * ```
 */
export async function writeHtmlReport(path: string, input: HtmlReportInput): Promise<void> {
  await atomicWrite(path, await renderHtmlReport(input));
}
