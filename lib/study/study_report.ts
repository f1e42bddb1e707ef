/**
 * A study's table as Markdown, JSON and a self-contained HTML page with a Plotly chart.
 * @module
 */
import type { ConfigOverrides } from "../config/resolve_config.ts";
import type { BlockPlan } from "../config/run_config.ts";
import { BLOCK_COLORS, STRATEGY_COLORS, STRATEGY_LABELS } from "../report/chart_style.ts";
import { errorBarChart } from "../report/error_bar_chart.ts";
import { renderHtmlPage } from "../report/html_page.ts";
import type { PlotlyFigure } from "../report/plotly_figure.ts";
import { atomicWrite } from "../util/atomic_write.ts";
import type { MeanSd } from "./mean_sd.ts";
import type { StudyResults } from "./study_results.ts";

/**
 * A mean and deviation of fractions, in percent: `"90.12 ± 0.34"` (`"90.12"` for one seed, `"–"` for none).
 *
 * @param value Mean and deviation of fractions.
 * @returns The text.
 * @example
 * ```ts
 * import { formatMeanSd } from "./study_report.ts";
 * if (formatMeanSd({ mean: 0.9012, sd: 0.0034, n: 3 }) !== "90.12 ± 0.34") throw new Error("format");
 * ```
 */
export function formatMeanSd(value: MeanSd): string {
  if (!Number.isFinite(value.mean)) return "–";
  const mean = (value.mean * 100).toFixed(2);
  return Number.isFinite(value.sd) ? `${mean} ± ${(value.sd * 100).toFixed(2)}` : mean;
}

const blockText = (b: BlockPlan) =>
  `${b.channels}c${b.kernelSize}k${(b.convs ?? 1) > 1 ? `x${b.convs}` : ""}${b.pool > 1 ? `/${b.pool}` : ""}${
    b.partition ? `P${b.partition}` : ""
  }`;

/**
 * Describes a cell's overrides in one line: `blocks 64c3k/2 64c3k/2 128c3k; optimizer.learningRate 0.01`.
 *
 * @param overrides The cell's overrides.
 * @returns The text (`"(reference)"` for none).
 * @example
 * ```ts
 * import { describeOverrides } from "./study_report.ts";
 * const text = describeOverrides({ optimizer: { learningRate: 0.01 } });
 * if (text !== "optimizer.learningRate 0.01") throw new Error(text);
 * ```
 */
export function describeOverrides(overrides: ConfigOverrides): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (key === "blocks") parts.push(`blocks ${(value as BlockPlan[]).map(blockText).join(" ")}`);
    else if (value !== null && typeof value === "object") {
      for (const [inner, v] of Object.entries(value)) parts.push(`${key}.${inner} ${JSON.stringify(v)}`);
    } else parts.push(`${key} ${JSON.stringify(value)}`);
  }
  return parts.length ? parts.join("; ").replaceAll('"', "") : "(reference)";
}

/** The table's header and rows (plain text), shared by Markdown and HTML. */
export function studyTable(results: StudyResults): { header: string[]; rows: string[][] } {
  const blocks = Math.max(0, ...results.cells.map((c) => c.blocks.length));
  const header = ["Cell", "Change", "Seeds", "Last (%)", "Fusion (%)", "Best (%)", "Best block"]
    .concat(Array.from({ length: blocks }, (_, l) => `Block ${l + 1} (%)`), ["Wall (s)"]);
  const rows = results.cells.map((c) => [
    c.cell,
    describeOverrides(c.overrides),
    String(c.seeds.length),
    formatMeanSd(c.strategies.last),
    formatMeanSd(c.strategies.fusion),
    formatMeanSd(c.strategies.best),
    c.bestBlocks.map((b) => b + 1).join(","),
    ...Array.from({ length: blocks }, (_, l) => c.blocks[l] ? formatMeanSd(c.blocks[l]) : "–"),
    Number.isFinite(c.wallSeconds.mean)
      ? `${c.wallSeconds.mean.toFixed(0)}${
        Number.isFinite(c.wallSeconds.sd) ? ` ± ${c.wallSeconds.sd.toFixed(0)}` : ""
      }`
      : "–",
  ]);
  return { header, rows };
}

const budgetText = (r: StudyResults) =>
  `${r.dataset}, preset ${r.preset}, ${r.budget.epochs} epochs, limit ${r.budget.limit || "none"}, ` +
  `${r.seeds} seeds; ${r.finished} of ${r.planned} runs finished; ${r.backend}`;

/**
 * The Markdown text: question, budget line, table (mean ± sample standard deviation over seeds, test split).
 *
 * @param results The study's results.
 * @returns Markdown.
 */
export function studyMarkdown(results: StudyResults): string {
  const { header, rows } = studyTable(results);
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [
    `### Study \`${results.study}\``,
    "",
    results.question,
    "",
    `Budget: ${budgetText(results)}. Test accuracy, mean ± sample standard deviation over seeds.`,
    "",
    line(header),
    line(header.map(() => "---")),
    ...rows.map(line),
    "",
  ].join("\n");
}

/**
 * The chart: per cell, the three strategies and every block, with error bars.
 *
 * @param results The study's results.
 * @returns The figure.
 */
export function studyChart(results: StudyResults): PlotlyFigure {
  const categories = results.cells.map((c) => c.cell);
  const percent = (v: MeanSd) => ({ mean: v.mean * 100, sd: v.sd * 100 });
  const series = (["last", "fusion", "best"] as const).map((s) => {
    const values = results.cells.map((c) => percent(c.strategies[s]));
    return {
      name: STRATEGY_LABELS[s],
      mean: values.map((v) => v.mean),
      sd: values.map((v) => v.sd),
      color: STRATEGY_COLORS[s],
    };
  });
  const blocks = Math.max(0, ...results.cells.map((c) => c.blocks.length));
  for (let l = 0; l < blocks; l++) {
    const values = results.cells.map((c) => c.blocks[l] ? percent(c.blocks[l]) : { mean: NaN, sd: NaN });
    series.push({
      name: `Block ${l + 1}`,
      mean: values.map((v) => v.mean),
      sd: values.map((v) => v.sd),
      color: BLOCK_COLORS[l % BLOCK_COLORS.length],
    });
  }
  return errorBarChart({
    title: `Study ${results.study}: test accuracy per cell (mean ± sd over seeds)`,
    categories,
    series,
    yTitle: "test accuracy (%)",
  });
}

/**
 * Writes `results.json`, `results.md` and `results.html` into the study folder (each atomically).
 *
 * @param dir The study folder.
 * @param results The study's results.
 * @returns The three paths.
 */
export async function writeStudyReport(
  dir: string,
  results: StudyResults,
): Promise<{ json: string; markdown: string; html: string }> {
  await Deno.mkdir(dir, { recursive: true });
  const paths = { json: `${dir}/results.json`, markdown: `${dir}/results.md`, html: `${dir}/results.html` };
  await atomicWrite(paths.json, JSON.stringify(results, (_, v) => Number.isNaN(v) ? null : v, 2) + "\n");
  await atomicWrite(paths.markdown, studyMarkdown(results));
  const { header, rows } = studyTable(results);
  const html = await renderHtmlPage({
    title: `Study ${results.study}`,
    meta: [budgetText(results)],
    sections: [{
      heading: "Results",
      paragraphs: [results.question, "Test accuracy, mean ± sample standard deviation over seeds."],
      tables: [{ header, rows }],
    }],
    figures: results.cells.length ? [studyChart(results)] : [],
  });
  await atomicWrite(paths.html, html);
  return paths;
}
