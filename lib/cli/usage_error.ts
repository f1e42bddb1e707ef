/**
 * The error a CLI raises for bad arguments: printed as one line, exit code 2.
 * @module
 */

/** Bad command-line input; its message names the flag and the allowed values. */
export class UsageError extends Error {
  /** @param message One line: the flag, the bad value, what is allowed. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
