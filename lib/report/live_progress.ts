/**
 * A run's progress in one notebook output, redrawn as events arrive: {@linkcode TrainProgress} renders it, a
 * {@linkcode LiveDisplay} draws it.
 * @module
 */
import type { TrainEvent } from "../training/train_events.ts";
import { type DisplaySink, LiveDisplay } from "./live_display.ts";
import { TrainProgress } from "./train_progress.ts";

/**
 * Shows a run's progress live: drawn at once ("waiting for the run to start"), redrawn by
 * {@linkcode LiveProgress.onEvent} (step events throttled), closed by {@linkcode LiveProgress.finish}.
 *
 * @example Follow a run's events, then close with a message
 * ```ts
 * import assert from "node:assert/strict";
 * import { LiveProgress } from "./live_progress.ts";
 * import type { MimeBundle } from "./live_display.ts";
 * const drawn: MimeBundle[] = [];
 * const progress = new LiveProgress((bundle) => drawn.push(bundle));
 * progress.onEvent({
 *   type: "warning",
 *   epoch: 1,
 *   block: 1,
 *   quantity: "loss",
 *   value: 23,
 *   message: "block 2's loss grew 10x",
 * });
 * await progress.finish("done: 1 epoch");
 * assert.equal(drawn.length, 3, "first draw, the warning, the closing message");
 * assert.match(String(drawn[2]["text/html"]), /asge-progress[\s\S]*done: 1 epoch/);
 * assert.match(String(drawn[2]["text/plain"]), /warning: block 2's loss grew 10x/);
 * ```
 */
export class LiveProgress {
  readonly #progress: TrainProgress;
  readonly #live: LiveDisplay;

  /**
   * Creates a {@linkcode LiveProgress} and draws its first state.
   * @param sink Where the progress is drawn.
   * @param redrawSeconds Least time between two redraws caused by step events.
   */
  constructor(sink: DisplaySink, redrawSeconds = 0.5) {
    this.#progress = new TrainProgress(redrawSeconds);
    this.#live = new LiveDisplay(sink);
    this.#redraw();
  }

  /** Redraws without waiting; a failed redraw is dropped (the next one shows the same state, newer). */
  #redraw(): void {
    this.#live.draw(this.#progress.bundle()).catch(() => {});
  }

  /**
   * An `onEvent` handler for `runTraining` or `trainInMemory` (bound: pass it as it is).
   * @param event Any training event.
   */
  readonly onEvent = (event: TrainEvent): void => {
    if (this.#progress.handle(event)) this.#redraw();
  };

  /**
   * Draws the closing state and waits until every draw is done.
   * @param message The last status line, e.g. `"done: 4 epochs"` or why the run stopped.
   * @returns A promise that settles once the output shows it (and rejects when that draw fails).
   */
  finish(message = "done"): Promise<void> {
    this.#progress.finish(message);
    return this.#live.draw(this.#progress.bundle());
  }
}
