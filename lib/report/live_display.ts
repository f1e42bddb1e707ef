/**
 * One notebook output redrawn in place. The library never calls `Deno.jupyter` (it may run outside a kernel):
 * the notebook hands it a {@linkcode DisplaySink} that does, and a {@linkcode LiveDisplay} decides when a
 * bundle is a new output and when it updates the one already shown.
 * @module
 */

/** A Jupyter MIME bundle: MIME type to content, e.g. `{ "text/plain": "..." }`. */
export type MimeBundle = Readonly<Record<string, unknown>>;

/** Which output a bundle goes to: absent for a new output of its own. */
export interface DisplayTarget {
  /** The output's id, shared by the first draw and its updates. */
  readonly display_id: string;
  /** `false` for the first draw, `true` to replace what that output shows. */
  readonly update: boolean;
}

/**
 * Where bundles are drawn; in a notebook
 * `(bundle, target) => Deno.jupyter.display(bundle, { raw: true, ...target })`.
 */
export type DisplaySink = (bundle: MimeBundle, target?: DisplayTarget) => unknown;

/**
 * Draws bundles into one output: the first {@linkcode LiveDisplay.draw} makes it, later ones update it. Draws
 * go to the sink in order, one after the other, even when the caller does not await them (an `onEvent`
 * handler cannot).
 *
 * @example The first draw makes the output, the next updates it
 * ```ts
 * import assert from "node:assert/strict";
 * import { type DisplayTarget, LiveDisplay, type MimeBundle } from "./live_display.ts";
 * const drawn: [MimeBundle, DisplayTarget | undefined][] = [];
 * const live = new LiveDisplay((bundle, target) => drawn.push([bundle, target]), "loading");
 * live.draw({ "text/plain": "Loading ..." });
 * live.draw({ "text/plain": "done" });
 * await live.flush();
 * assert.deepEqual(drawn.map(([, t]) => t), [
 *   { display_id: "loading", update: false },
 *   { display_id: "loading", update: true },
 * ]);
 * ```
 */
export class LiveDisplay {
  #shown = false;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Creates a {@linkcode LiveDisplay}.
   * @param sink Where bundles are drawn.
   * @param displayId The output's id (default: a random UUID, unique per output).
   */
  constructor(readonly sink: DisplaySink, readonly displayId: string = crypto.randomUUID()) {}

  /**
   * Queues a bundle: the output's first content, or its new content.
   * @param bundle What to show.
   * @returns A promise that settles once this bundle (and every earlier one) has been drawn; it rejects when
   *   the sink fails on this bundle, so a caller that does not await it catches it (later draws still go).
   */
  draw(bundle: MimeBundle): Promise<void> {
    const target: DisplayTarget = { display_id: this.displayId, update: this.#shown };
    this.#shown = true;
    const drawn = this.#queue.then(() => this.sink(bundle, target));
    this.#queue = drawn.catch(() => {});
    return drawn.then(() => {});
  }

  /** @returns A promise that settles once every queued bundle has been drawn. */
  flush(): Promise<void> {
    return this.#queue.then(() => {});
  }
}
