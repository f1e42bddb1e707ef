/**
 * The notebooks' two modes: `full` trains the real preset on the whole dataset, `small` trains a tiny plan on
 * a few hundred images in seconds (CI runs the notebooks so), on a synthetic stand-in where data is missing.
 * @module
 */

/** The modes a notebook runs in, the default first. */
export const NOTEBOOK_MODES = ["full", "small"] as const;

/** A notebook's mode: `full` (the default) or `small`. */
export type NotebookMode = (typeof NOTEBOOK_MODES)[number];

/**
 * Reads a notebook's mode from the value of `ASGE_NOTEBOOK_MODE` (the notebook reads the variable).
 *
 * @param value The variable's value; unset means `full`.
 * @returns The mode.
 * @throws Error naming the value and the allowed ones.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { notebookMode } from "./notebook_mode.ts";
 * assert.equal(notebookMode(undefined), "full");
 * assert.equal(notebookMode("small"), "small");
 * assert.throws(() => notebookMode("tiny"), /ASGE_NOTEBOOK_MODE is "tiny"/);
 * ```
 */
export function notebookMode(value: string | undefined): NotebookMode {
  const mode = value ?? "full";
  if (!(NOTEBOOK_MODES as readonly string[]).includes(mode)) {
    throw new Error(
      `ASGE_NOTEBOOK_MODE is "${mode}"; set it to "small" or "full" (or leave it unset for full)`,
    );
  }
  return mode as NotebookMode;
}
