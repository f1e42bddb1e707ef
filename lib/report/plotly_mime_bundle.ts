/**
 * Figures in Jupyter notebooks run by Deno's kernel. The library does not call `Deno.jupyter` itself (it may
 * run outside a kernel); it returns the MIME bundle and the notebook displays it:
 * `await Deno.jupyter.display(await plotlyMimeBundle(fig), { raw: true })`.
 * @module
 */

import { jsonForScript, scriptSafe } from "./_html.ts";
import { plotlyBundle } from "./plotly_bundle.ts";
import { figureTitle, type PlotlyFigure } from "./plotly_figure.ts";

/** A Jupyter MIME bundle for one figure (the shape `Deno.jupyter.display(bundle, { raw: true })` takes). */
export interface PlotlyMimeBundle {
  /** For front ends with a Plotly renderer (JupyterLab, VS Code): the figure itself. */
  readonly "application/vnd.plotly.v1+json": { data: unknown[]; layout: Record<string, unknown> };
  /** For the others and for nbconvert's HTML export: a div and a script that draws it. */
  readonly "text/html": string;
  /** For plain-text front ends: the title. */
  readonly "text/plain": string;
  /** Jupyter allows other keys. */
  readonly [mime: string]: unknown;
}

/** Options of {@link plotlyMimeBundle}. */
export interface PlotlyMimeBundleOptions {
  /**
   * Inline the Plotly library in the HTML fallback: `"once"` (default) inlines it in the first bundle this
   * process makes and not after (a notebook's outputs share one page); `true` always (e.g. after clearing the
   * first output); `false` never.
   */
  readonly includeLibrary?: boolean | "once";
}

let libraryEmitted = false;

/**
 * Forgets that the Plotly library was inlined, so the next `"once"` bundle inlines it again (e.g. after the
 * notebook's outputs were cleared without restarting the kernel).
 *
 * @example The library is inlined once, and again after a reset
 * ```ts
 * import assert from "node:assert/strict";
 * import { plotlyMimeBundle, resetPlotlyLibraryEmitted } from "./plotly_mime_bundle.ts";
 * const figure = { data: [], layout: {} };
 * const size = async () => (await plotlyMimeBundle(figure))["text/html"].length;
 * const first = await size();
 * assert.ok(await size() < first / 100, "the second figure does not carry the library");
 * resetPlotlyLibraryEmitted();
 * assert.ok(await size() > first / 2, "after the reset it does again");
 * ```
 */
export function resetPlotlyLibraryEmitted(): void {
  libraryEmitted = false;
}

/**
 * Builds the MIME bundle that shows a figure in a Jupyter notebook: the Plotly JSON for front ends that render
 * it, plus an HTML fallback that draws the figure with the Plotly library inlined once per notebook.
 *
 * @param figure A figure from any chart builder of `lib/report`.
 * @param options Whether to inline the library.
 * @returns The bundle; display it with `Deno.jupyter.display(bundle, { raw: true })`.
 * @example In a notebook cell
 * ```ts ignore
 * import { blockLossChart, plotlyMimeBundle } from "../mod.ts";
 * await Deno.jupyter.display(await plotlyMimeBundle(blockLossChart(epochs)), { raw: true });
 * ```
 */
export async function plotlyMimeBundle(
  figure: PlotlyFigure,
  options: PlotlyMimeBundleOptions = {},
): Promise<PlotlyMimeBundle> {
  const mode = options.includeLibrary ?? "once";
  const inline = mode === true || (mode === "once" && !libraryEmitted);
  const library = inline ? `<script>${scriptSafe(await plotlyBundle())}</script>\n` : "";
  if (inline && mode === "once") libraryEmitted = true;
  const id = `asge-plot-${crypto.randomUUID()}`;
  const height = typeof figure.layout.height === "number" ? figure.layout.height : 420;
  // A round trip through JSON drops NaN (as null) and anything not JSON-able, as the kernel would.
  const plain = JSON.parse(JSON.stringify({ data: figure.data, layout: figure.layout }));
  const html = `${library}<div id="${id}" style="width:100%;height:${height}px"></div>
<script>
(function () {
  var el = document.getElementById(${jsonForScript(id)});
  var fig = ${jsonForScript(plain)};
  if (!window.Plotly) {
    el.textContent = "Plotly is not loaded on this page: display a figure with includeLibrary: true.";
    return;
  }
  window.Plotly.newPlot(el, fig.data, fig.layout, { responsive: true, displaylogo: false });
})();
</script>`;
  return {
    "application/vnd.plotly.v1+json": plain,
    "text/html": html,
    "text/plain": `Plotly figure: ${figureTitle(figure) || "untitled"}`,
  };
}
