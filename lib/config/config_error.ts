/**
 * The error {@linkcode validateConfig} raises: a `RangeError` that also carries the field, its value and what
 * is allowed, so a caller (the CLI) can name its own flag instead of the config field.
 * @module
 */

/** A config field with a value it may not have. */
export class ConfigError extends RangeError {
  /** The field, dotted (`"optimizer.learningRate"`, `"blocks[0].pool"`). */
  readonly field: string;
  /** The value it had. */
  readonly value: unknown;
  /** What it must be, e.g. `"a whole number >= 1"` or `"> 0"`. */
  readonly allowed: string;

  /**
   * Creates the error; the message names the field, the value and what is allowed.
   * @param field The field, dotted.
   * @param value The value it had.
   * @param allowed What it must be.
   */
  constructor(field: string, value: unknown, allowed: string) {
    // JSON.stringify writes NaN and Infinity as null.
    const shown = typeof value === "number" ? String(value) : JSON.stringify(value);
    super(`Config field "${field}" is ${shown}; it must be ${allowed}`);
    this.name = "ConfigError";
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}
