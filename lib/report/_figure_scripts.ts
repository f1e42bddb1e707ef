/**
 * Private: the scripts that draw a page's figures with the inlined Plotly (report and study pages).
 * @module
 */
import { jsonForScript, scriptSafe } from "./_html.ts";
import { plotlyBundle } from "./plotly_bundle.ts";

/** A figure placed in a page: the id of its `<div>`, its traces and its layout. */
export interface PlacedFigure {
  /** Id of the element the figure is drawn into. */
  readonly id: string;
  /** Plotly traces. */
  readonly data: readonly unknown[];
  /** Plotly layout. */
  readonly layout: Record<string, unknown>;
}

/**
 * The inlined Plotly bundle, the figures as JSON and the loop that draws each into its element (a chart that
 * fails shows the error in its place); empty when there are no figures.
 *
 * @param figures The figures and the ids of their elements.
 * @returns HTML to put at the end of the body.
 */
export async function figureScripts(figures: readonly PlacedFigure[]): Promise<string> {
  if (figures.length === 0) return "";
  return `<script>${scriptSafe(await plotlyBundle())}</script>
<script type="application/json" id="asge-figures">${jsonForScript(figures)}</script>
<script>
(function () {
  var figures = JSON.parse(document.getElementById("asge-figures").textContent);
  figures.forEach(function (f) {
    var el = document.getElementById(f.id);
    function fail(error) { el.className += " failed"; el.textContent = "This chart could not be drawn: " + error; }
    if (!window.Plotly) return fail("Plotly did not load");
    try {
      window.Plotly.newPlot(el, f.data, f.layout, { responsive: true, displaylogo: false }).catch(fail);
    } catch (error) { fail(error); }
  });
})();
</script>`;
}
