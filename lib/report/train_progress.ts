/**
 * Training progress as HTML and text, for front ends that redraw one output in place (a notebook's display
 * with a display id). It only keeps state and renders; the caller decides when and where to draw.
 * @module
 */
import type { TrainEvent } from "../training/train_events.ts";
import { formatDuration, formatPercent } from "../util/text_format.ts";
import { escapeHtml } from "./_html.ts";

/**
 * Follows a run's events and renders where it stands: a progress bar over all steps, the current epoch, step,
 * images/s, each block's running loss and the ETA, then one table row per finished epoch (test accuracy of
 * every block and strategy).
 *
 * @example In a notebook cell, redrawing one output
 * ```ts ignore
 * const progress = new TrainProgress();
 * await Deno.jupyter.display(progress.bundle(), { raw: true, display_id: "progress" });
 * const onEvent = (e: TrainEvent) => {
 *   if (progress.handle(e)) void Deno.jupyter.display(progress.bundle(), { raw: true, display_id: "progress", update: true });
 * };
 * ```
 */
export class TrainProgress {
  #title = "Waiting for the run to start";
  #status = "";
  #done = 0;
  #total = 0;
  #stepsPerEpoch = 0;
  #rows: string[][] = [];
  #warnings: string[] = [];
  #blocks = 0;
  #lastDraw = -Infinity;

  /**
   * Creates a {@linkcode TrainProgress}.
   * @param redrawSeconds Least time between two redraws caused by step events (others always redraw).
   */
  constructor(readonly redrawSeconds = 0.5) {}

  /**
   * Takes one event into account.
   *
   * @param event Any event of `trainInMemory`'s `onEvent`.
   * @returns Whether the output should be redrawn now (step events are throttled to `redrawSeconds`).
   */
  handle(event: TrainEvent): boolean {
    switch (event.type) {
      case "start": {
        const { config, images } = event;
        this.#blocks = event.plan.blocks.length;
        this.#stepsPerEpoch = event.stepsPerEpoch;
        this.#total = config.epochs * event.stepsPerEpoch;
        this.#done = event.startEpoch * event.stepsPerEpoch;
        this.#title = `${config.dataset}, preset ${config.preset}: ${images.train} train / ` +
          `${images.validation} validation / ${images.test} test images, ${config.epochs} epochs of ` +
          `${event.stepsPerEpoch} steps`;
        this.#status = "starting";
        break;
      }
      case "step": {
        this.#done = (event.epoch - 1) * event.stepsPerEpoch + event.step;
        this.#status = `epoch ${event.epoch}, step ${event.step}/${event.stepsPerEpoch} · ` +
          `${event.imagesPerSecond.toFixed(0)} images/s · loss per block ` +
          event.blockLoss.map((l) => l.toFixed(3)).join(" ") + ` · ETA ${formatDuration(event.etaSeconds)}`;
        const now = performance.now() / 1000;
        if (now - this.#lastDraw < this.redrawSeconds && event.step < event.stepsPerEpoch) return false;
        this.#lastDraw = now;
        return true;
      }
      case "evaluate":
        this.#status = `epoch ${event.epoch}: evaluating ${event.images} ${event.split} images`;
        break;
      case "epoch": {
        const m = event.metrics;
        this.#done = m.epoch * this.#stepsPerEpoch;
        this.#rows.push([
          String(m.epoch),
          ...m.blocks.map((b) => formatPercent(b.testAccuracy)),
          formatPercent(m.testAccuracy.last),
          formatPercent(m.testAccuracy.fusion),
          `${formatPercent(m.testAccuracy.best)} (block ${m.bestBlock + 1})`,
          m.imagesPerSecond.toFixed(0),
          formatDuration(m.trainSeconds),
        ]);
        this.#status = `epoch ${m.epoch} done`;
        break;
      }
      case "warning":
        this.#warnings.push(event.message);
        break;
      case "checkpoint":
        return false;
    }
    this.#lastDraw = performance.now() / 1000;
    return true;
  }

  /** Marks the run finished (or stopped) with a closing message. */
  finish(message = "done"): void {
    this.#status = message;
  }

  /** Returns the progress as plain text (a few lines). */
  text(): string {
    const share = this.#total ? this.#done / this.#total : 0;
    const lines = [this.#title, `[${(100 * share).toFixed(0)}%] ${this.#status}`];
    for (const warning of this.#warnings) lines.push(`warning: ${warning}`);
    for (const row of this.#rows) lines.push(`epoch ${row[0]}: ${row.slice(1).join("  ")}`);
    return lines.join("\n");
  }

  /** Returns the progress as an HTML fragment: bar, status line and per-epoch table. */
  html(): string {
    const header = [
      "epoch",
      ...Array.from({ length: this.#blocks }, (_, l) => `block ${l + 1}`),
      "Last",
      "Fusion",
      "Best",
      "images/s",
      "train time",
    ];
    const cells = (tag: string, row: string[]) =>
      row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join("");
    const table = this.#rows.length === 0
      ? ""
      : `<table><caption style="text-align:left">Test accuracy per epoch` +
        `</caption><thead><tr>${cells("th", header)}</tr></thead><tbody>` +
        this.#rows.map((r) => `<tr>${cells("td", r)}</tr>`).join("") + `</tbody></table>`;
    return `<div class="asge-progress"><div><b>${escapeHtml(this.#title)}</b></div>` +
      `<progress value="${this.#done}" max="${Math.max(1, this.#total)}" style="width:100%"></progress>` +
      `<div><code>${escapeHtml(this.#status)}</code></div>` +
      this.#warnings.map((w) => `<div style="color:#b45309">warning: ${escapeHtml(w)}</div>`).join("") +
      `${table}</div>`;
  }

  /** Returns a Jupyter MIME bundle (`text/html` and `text/plain`) for `Deno.jupyter.display(..., { raw: true })`. */
  bundle(): { "text/html": string; "text/plain": string } {
    return { "text/html": this.html(), "text/plain": this.text() };
  }
}
