/**
 * The error {@linkcode useBackend} throws for a backend this machine cannot run.
 * @module
 */

/**
 * Thrown when a backend cannot be loaded. The message is one sentence: what is missing and how to install it;
 * the underlying error, if any, is kept as `cause` rather than printed.
 *
 * @example Telling it apart
 * ```ts
 * import { BackendUnavailableError } from "./backend_unavailable_error.ts";
 * const e = new BackendUnavailableError("tensorflow", "tensorflow backend unavailable: install it");
 * if (!(e instanceof BackendUnavailableError) || e.backend !== "tensorflow") throw new Error("wrong class");
 * ```
 */
export class BackendUnavailableError extends Error {
  /** The backend that could not be loaded, e.g. "tensorflow". */
  readonly backend: string;

  /**
   * Makes the error.
   *
   * @param backend The backend that could not be loaded.
   * @param message One sentence: what is missing and how to get it.
   * @param options `cause`: the error that revealed it, for debugging.
   */
  constructor(backend: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BackendUnavailableError";
    this.backend = backend;
  }
}
