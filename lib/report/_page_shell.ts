/**
 * Private: what every asge HTML page shares (the run report and the study page): the document around the
 * content (head with the report style, title header, footer, the scripts that draw the figures), tables of
 * plain text and the numbered charts section.
 * @module
 */
import { figureScripts, type PlacedFigure } from "./_figure_scripts.ts";
import { escapeHtml } from "./_html.ts";
import { REPORT_CSS } from "./_report_css.ts";
import { figureTitle, type PlotlyFigure } from "./plotly_figure.ts";

/** What {@linkcode renderPageShell} puts around the content. */
export interface PageShellInput {
  /** Page title, shown in the tab and as the heading (plain text). */
  readonly title: string;
  /** Lines under the title, joined with " · " (plain text). */
  readonly meta: readonly string[];
  /** The content between header and footer, HTML parts joined with newlines (an empty part leaves its line). */
  readonly body: readonly string[];
  /** The figures the page draws, placed in elements of the body. */
  readonly figures: readonly PlacedFigure[];
}

/**
 * A table of plain text: header cells, then body rows.
 *
 * @param header The header row.
 * @param rows The body rows.
 * @param options `className` for the table; `cellClass` names a class for a body cell (`""` for none).
 * @returns The table's HTML, every text escaped.
 */
export function htmlTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { readonly className?: string; readonly cellClass?: (text: string, column: number) => string } =
    {},
): string {
  const cell = (text: string, column: number) => {
    const name = options.cellClass?.(text, column) ?? "";
    return `<td${name ? ` class="${name}"` : ""}>${escapeHtml(text)}</td>`;
  };
  return `<table${options.className ? ` class="${options.className}"` : ""}>
<thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${rows.map((row) => `<tr>${row.map(cell).join("")}</tr>`).join("\n")}
</tbody></table>`;
}

/** A figure of a page, as {@linkcode placeCharts} takes it. */
export interface PageChart {
  /** The figure; its title becomes the caption. */
  readonly figure: PlotlyFigure;
  /** Text after the title in the caption (plain text). */
  readonly note?: string;
  /** The layout it is drawn with (the caller's variant of the figure's, without the title). */
  readonly layout: Record<string, unknown>;
}

/**
 * The charts section and the figures drawn into it: each figure in its numbered `<figure>` with an element
 * `chart-<n>` to be drawn into, its title moved from the plot into the caption below it (as in a paper),
 * followed by its note.
 *
 * @param charts The figures in order.
 * @returns The section's HTML (`""` when there are no charts) and the figures for {@linkcode renderPageShell}.
 */
export function placeCharts(charts: readonly PageChart[]): { section: string; figures: PlacedFigure[] } {
  const id = (i: number) => `chart-${i + 1}`;
  const elements = charts.map((chart, i) => {
    const height = typeof chart.figure.layout.height === "number" ? chart.figure.layout.height : 420;
    const title = figureTitle(chart.figure).replace(/<[^>]*>/g, "");
    const caption = [title, chart.note ?? ""].filter(Boolean).join(". ");
    return `<figure class="chart">
<div class="plot" id="${id(i)}" data-traces="${chart.figure.data.length}" style="height:${height}px"></div>
<figcaption><b>Figure ${i + 1}.</b> ${escapeHtml(caption)}</figcaption>
</figure>`;
  }).join("\n");
  return {
    section: charts.length > 0 ? `<section id="charts"><h2>Charts</h2>\n${elements}\n</section>` : "",
    figures: charts.map((chart, i) => ({ id: id(i), data: chart.figure.data, layout: chart.layout })),
  };
}

/**
 * Renders the document around a page's content. The title and meta lines are escaped here; the body is HTML
 * the caller escaped.
 *
 * @param input Title, meta lines, body parts and figures.
 * @returns The HTML document (Plotly inlined when there are figures).
 */
export async function renderPageShell(input: PageShellInput): Promise<string> {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(input.title)}</h1><p class="meta">${
    input.meta.map(escapeHtml).join(" · ")
  }</p></header>
${input.body.join("\n")}
<footer>Made by asge (Adaptive Spatial Goodness Encoding). Charts drawn with plotly.js, inlined.</footer>
</main>
${await figureScripts(input.figures)}
</body>
</html>
`;
}
