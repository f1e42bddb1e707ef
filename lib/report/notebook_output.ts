/**
 * What a notebook shows, as MIME bundles: markdown, Plotly figures, report charts with their captions, and
 * live outputs. The notebook supplies the sink that calls `Deno.jupyter.display`; nothing here does.
 * @module
 */
import { type DisplaySink, LiveDisplay, type MimeBundle } from "./live_display.ts";
import { LiveProgress } from "./live_progress.ts";
import type { PlotlyFigure } from "./plotly_figure.ts";
import { plotlyMimeBundle } from "./plotly_mime_bundle.ts";
import type { ReportChart } from "./report_charts.ts";

/** One thing to show: markdown text, a figure, a chart with its caption; `undefined` shows nothing. */
export type NotebookItem = string | PlotlyFigure | ReportChart | undefined;

/**
 * The bundle that shows markdown (with the same text as its plain-text form).
 * @param text Markdown.
 * @returns `{ "text/markdown": text, "text/plain": text }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markdownBundle } from "./notebook_output.ts";
 * assert.deepEqual(markdownBundle("**hi**"), { "text/markdown": "**hi**", "text/plain": "**hi**" });
 * ```
 */
export function markdownBundle(text: string): { "text/markdown": string; "text/plain": string } {
  return { "text/markdown": text, "text/plain": text };
}

/**
 * The bundles that show some items, in order: a string as markdown, a figure as a Plotly bundle, a report
 * chart as its caption then its figure.
 * @param items What to show; `undefined` items are skipped.
 * @returns One bundle per output.
 * @example A chart with a caption is two outputs
 * ```ts
 * import assert from "node:assert/strict";
 * import { notebookBundles } from "./notebook_output.ts";
 * const figure = { data: [], layout: { title: { text: "empty" } } };
 * const bundles = await notebookBundles(["# Title", { caption: "What to read.", figure }, undefined]);
 * assert.deepEqual(bundles.map((b) => Object.keys(b)[0]), [
 *   "text/markdown",
 *   "text/markdown",
 *   "application/vnd.plotly.v1+json",
 * ]);
 * ```
 */
export async function notebookBundles(items: readonly NotebookItem[]): Promise<MimeBundle[]> {
  const bundles: MimeBundle[] = [];
  for (const item of items) {
    if (item === undefined) continue;
    if (typeof item === "string") bundles.push(markdownBundle(item));
    else if ("figure" in item) {
      if (item.caption) bundles.push(markdownBundle(item.caption));
      bundles.push(await plotlyMimeBundle(item.figure));
    } else bundles.push(await plotlyMimeBundle(item));
  }
  return bundles;
}

/**
 * A notebook's outputs through one sink: {@linkcode NotebookOutput.show} for static items,
 * {@linkcode NotebookOutput.live} and {@linkcode NotebookOutput.progress} for outputs redrawn in place.
 *
 * @example In a notebook: `new NotebookOutput((b, t) => Deno.jupyter.display(b, { raw: true, ...t }))`
 * ```ts
 * import assert from "node:assert/strict";
 * import type { MimeBundle } from "./live_display.ts";
 * import { NotebookOutput } from "./notebook_output.ts";
 * const shown: MimeBundle[] = [];
 * const out = new NotebookOutput((bundle) => shown.push(bundle));
 * await out.show("**Mode:** small", { data: [], layout: {} });
 * assert.equal(shown.length, 2);
 * assert.equal(shown[0]["text/markdown"], "**Mode:** small");
 * ```
 */
export class NotebookOutput {
  /**
   * Creates a {@linkcode NotebookOutput}.
   * @param sink Draws one bundle (a new output, or an update of a live one).
   */
  constructor(readonly sink: DisplaySink) {}

  /**
   * Shows items one after the other, each as its own output.
   * @param items Markdown strings, figures, report charts; `undefined` is skipped.
   */
  async show(...items: NotebookItem[]): Promise<void> {
    for (const bundle of await notebookBundles(items)) await this.sink(bundle);
  }

  /** @returns A new output that later draws update in place. */
  live(): LiveDisplay {
    return new LiveDisplay(this.sink);
  }

  /**
   * A run's live progress, drawn at once; pass its `onEvent` to the run.
   * @param redrawSeconds Least time between two redraws caused by step events.
   * @returns The progress output.
   */
  progress(redrawSeconds?: number): LiveProgress {
    return new LiveProgress(this.sink, redrawSeconds);
  }
}
