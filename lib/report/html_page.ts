/**
 * A self-contained HTML page of tables and Plotly figures, in the look of the run report, for results that are
 * not one run (an ablation study's table and chart). Plotly is inlined: the page opens from disk.
 * @module
 */
import { escapeHtml } from "./_html.ts";
import { htmlTable, placeCharts, renderPageShell } from "./_page_shell.ts";
import type { PlotlyFigure } from "./plotly_figure.ts";

/** One section of a page: a heading, optional paragraphs, optional tables. */
export interface PageSection {
  /** Section heading (plain text). */
  readonly heading: string;
  /** Paragraphs (plain text). */
  readonly paragraphs?: readonly string[];
  /** Tables: a header row and body rows, all plain text. */
  readonly tables?: readonly {
    readonly header: readonly string[];
    readonly rows: readonly (readonly string[])[];
  }[];
}

/** What {@linkcode renderHtmlPage} shows. */
export interface HtmlPageInput {
  /** Page title (plain text). */
  readonly title: string;
  /** Lines under the title (plain text). */
  readonly meta?: readonly string[];
  /** Sections in order. */
  readonly sections: readonly PageSection[];
  /** Figures, drawn after the sections with numbered captions taken from their titles. */
  readonly figures?: readonly PlotlyFigure[];
}

/**
 * Renders the page. Every text is escaped; figures travel as JSON and are drawn when the page loads.
 *
 * @param input Title, sections and figures.
 * @returns The HTML document (about 1.4 MB with figures, because Plotly is inlined; a few kB without).
 * @example A page with one table escapes its text
 * ```ts
 * import { renderHtmlPage } from "./html_page.ts";
 * const html = await renderHtmlPage({
 *   title: "Study <a>",
 *   sections: [{ heading: "Results", tables: [{ header: ["cell"], rows: [["x<y"]] }] }],
 * });
 * if (!html.includes("Study &lt;a&gt;") || !html.includes("<td>x&lt;y</td>")) throw new Error("not escaped");
 * ```
 */
export async function renderHtmlPage(input: HtmlPageInput): Promise<string> {
  const figures = input.figures ?? [];
  const sections = input.sections.map((section) => {
    const parts = [
      `<h2>${escapeHtml(section.heading)}</h2>`,
      ...(section.paragraphs ?? []).map((p) => `<p>${escapeHtml(p)}</p>`),
      ...(section.tables ?? []).map((t) => htmlTable(t.header, t.rows)),
    ];
    return `<section>\n${parts.join("\n")}\n</section>`;
  }).join("\n");
  const charts = placeCharts(figures.map((figure) => ({
    figure,
    layout: { ...figure.layout, title: { text: "" } },
  })));
  return await renderPageShell({
    title: input.title,
    meta: input.meta ?? [],
    body: [sections, charts.section],
    figures: charts.figures,
  });
}
