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

/**
 * Parses a whole number flag, or throws a {@linkcode UsageError} naming the flag.
 *
 * @param flag Flag name without dashes.
 * @param value The raw value (undefined when absent).
 * @param min Smallest allowed value.
 * @returns The number, or undefined when absent.
 * @example A whole number, an absent flag, and a value below the minimum
 * ```ts
 * import assert from "node:assert/strict";
 * import { intFlag, UsageError } from "./usage_error.ts";
 * assert.equal(intFlag("epochs", "3", 1), 3);
 * assert.equal(intFlag("epochs", undefined, 1), undefined);
 * assert.throws(() => intFlag("epochs", "0", 1), UsageError);
 * ```
 */
export function intFlag(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${flag} must be a whole number >= ${min}, got "${value}"`);
  }
  return n;
}

/**
 * Parses a positive real-number flag, or throws a {@linkcode UsageError} naming the flag.
 *
 * @param flag Flag name without dashes.
 * @param value The raw value.
 * @returns The number, or undefined when absent.
 */
export function positiveFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`--${flag} must be a number > 0, got "${value}"`);
  return n;
}

/**
 * Checks that a flag's value is one of the allowed ones.
 *
 * @param flag Flag name without dashes.
 * @param value The raw value.
 * @param allowed Allowed values.
 * @returns The value, typed.
 */
export function choiceFlag<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
  }
  return value as T;
}
