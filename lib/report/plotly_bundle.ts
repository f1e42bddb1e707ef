/**
 * The Plotly library as text, for inlining into a self-contained HTML report or a notebook output. It is the
 * npm package `plotly.js-cartesian-dist-min` (scatter, bar, heatmap, image, ...: every trace type this folder
 * draws; 1.5 MB against 5.9 MB for the full bundle, and the basic bundle lacks heatmap and image). Plotly cannot
 * be imported as a module in Deno (it wants `window`), so it is imported as text, lazily: importing `lib/report`
 * loads nothing until a report or notebook output is made.
 * @module
 */

let cached: Promise<string> | undefined;

/**
 * Loads the Plotly bundle's source text (once per process; later calls share the same promise).
 *
 * @returns The minified plotly.js source; as a classic `<script>` it defines `window.Plotly`.
 * @example Load the bundle
 * ```ts
 * import { plotlyBundle } from "./plotly_bundle.ts";
 * const source = await plotlyBundle();
 * if (!source.includes("window.Plotly")) throw new Error("not the plotly bundle");
 * ```
 */
export function plotlyBundle(): Promise<string> {
  cached ??= import("plotly.js-cartesian-dist-min/plotly-cartesian.min.js", { with: { type: "text" } })
    .then((module) => module.default as string)
    .catch((error) => {
      cached = undefined;
      throw new Error(
        `Cannot load the Plotly bundle "plotly.js-cartesian-dist-min" (deno.json imports): ${error}; ` +
          `run "deno cache lib/report/plotly_bundle.ts" with network access to the npm registry`,
      );
    });
  return cached;
}
