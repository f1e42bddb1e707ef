/**
 * How numbers and tables look as text: one set of rules for the terminal (`deno task train`, the bench),
 * Markdown results and the HTML report, so that the same value reads the same everywhere.
 * @module
 */

/** What a cell shows for a missing or non-finite value. */
export const MISSING = "–";

const finite = (value: number | null | undefined): value is number =>
  typeof value === "number" && Number.isFinite(value);

/**
 * A number with a fixed count of decimals (`"90.62"`), or {@linkcode MISSING}.
 *
 * @param value The number, e.g. an accuracy already in percent.
 * @param digits Decimals.
 * @returns The text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatFixed } from "./text_format.ts";
 * assert.equal(formatFixed(90.625), "90.63");
 * assert.equal(formatFixed(NaN), "–");
 * ```
 */
export function formatFixed(value: number | null | undefined, digits = 2): string {
  return finite(value) ? value.toFixed(digits) : MISSING;
}

/**
 * A difference with its sign and a fixed count of decimals (`"+0.12"`, `"-2.80"`), or {@linkcode MISSING}.
 *
 * @param value The difference, e.g. a gap to the paper in percentage points.
 * @param digits Decimals.
 * @returns The text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatSigned } from "./text_format.ts";
 * assert.equal(formatSigned(0.1234), "+0.12");
 * assert.equal(formatSigned(-2.8), "-2.80");
 * ```
 */
export function formatSigned(value: number | null | undefined, digits = 2): string {
  if (!finite(value)) return MISSING;
  return `${value >= 0 ? "+" : ""}${value.toFixed(digits)}`;
}

/**
 * A fraction as a percentage (`0.9123` -> `"91.23%"`), or {@linkcode MISSING}.
 *
 * @param fraction The fraction, e.g. an accuracy in [0, 1].
 * @param digits Decimals of the percentage.
 * @returns The text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatPercent } from "./text_format.ts";
 * assert.equal(formatPercent(0.9123), "91.23%");
 * assert.equal(formatPercent(0.5, 0), "50%");
 * ```
 */
export function formatPercent(fraction: number | null | undefined, digits = 2): string {
  return finite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : MISSING;
}

/**
 * A count, rounded, with thousands separators (`"1,234,567"`), or {@linkcode MISSING}.
 *
 * @param value The count.
 * @returns The text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCount } from "./text_format.ts";
 * assert.equal(formatCount(1234567.4), "1,234,567");
 * ```
 */
export function formatCount(value: number | null | undefined): string {
  return finite(value) ? Math.round(value).toLocaleString("en-US") : MISSING;
}

/**
 * A number with a given count of significant digits, without exponent or trailing zeros (`"0.0123"`,
 * `"1230"`); numbers with more integer digits than that are rounded to whole numbers.
 *
 * @param value The number.
 * @param digits Significant digits.
 * @returns The text, or {@linkcode MISSING}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatSignificant } from "./text_format.ts";
 * assert.equal(formatSignificant(0.012345), "0.0123");
 * assert.equal(formatSignificant(123.456), "123");
 * assert.equal(formatSignificant(98765.4), "98765");
 * assert.equal(formatSignificant(undefined), "–");
 * ```
 */
export function formatSignificant(value: number | null | undefined, digits = 3): string {
  if (!finite(value)) return MISSING;
  if (Math.abs(value) >= 10 ** digits) return String(Math.round(value));
  return String(Number(value.toPrecision(digits)));
}

/**
 * A large number with a metric prefix and a given count of significant digits (`"1.23M"`, `"35k"`, `"812"`).
 *
 * @param value The number, e.g. parameters or FLOPs per image.
 * @param digits Significant digits.
 * @returns The text, or {@linkcode MISSING}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatSi } from "./text_format.ts";
 * assert.equal(formatSi(1_234_567), "1.23M");
 * assert.equal(formatSi(336e6), "336M");
 * assert.equal(formatSi(812), "812");
 * ```
 */
export function formatSi(value: number | null | undefined, digits = 3): string {
  if (!finite(value)) return MISSING;
  const prefixes = ["", "k", "M", "G", "T", "P"];
  let scaled = value;
  let i = 0;
  // Rounding can carry into the next prefix (999.6k -> 1000k): divide once more then.
  while (i < prefixes.length - 1 && Math.abs(Number(scaled.toPrecision(digits))) >= 1000) {
    scaled /= 1000;
    i++;
  }
  return `${formatSignificant(scaled, digits)}${prefixes[i]}`;
}

/**
 * Bytes in MiB (2^20) with a fixed count of decimals and the unit (`"12.34 MiB"`).
 *
 * @param bytes The size.
 * @param digits Decimals.
 * @returns The text, or {@linkcode MISSING}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatMiB } from "./text_format.ts";
 * assert.equal(formatMiB(3 * 2 ** 20), "3.00 MiB");
 * ```
 */
export function formatMiB(bytes: number | null | undefined, digits = 2): string {
  return finite(bytes) ? `${(bytes / 2 ** 20).toFixed(digits)} MiB` : MISSING;
}

/**
 * Bytes in MB (10^6) with 3 significant digits and no unit, for a column headed "MB".
 *
 * @param bytes The size.
 * @returns The text, or {@linkcode MISSING}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatMegabytes } from "./text_format.ts";
 * assert.equal(formatMegabytes(12_345_678), "12.3");
 * ```
 */
export function formatMegabytes(bytes: number | null | undefined): string {
  return finite(bytes) ? formatSignificant(bytes / 1e6) : MISSING;
}

/**
 * A duration as `"1h02m"`, `"3m05s"` or `"12.3s"`.
 *
 * @param seconds The duration.
 * @returns The text, or {@linkcode MISSING}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatDuration } from "./text_format.ts";
 * assert.equal(formatDuration(3725), "1h02m");
 * assert.equal(formatDuration(75), "1m15s");
 * assert.equal(formatDuration(12.34), "12.3s");
 * ```
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (!finite(seconds)) return MISSING;
  if (seconds >= 3600) {
    return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
  }
  if (seconds >= 60) {
    return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
  }
  return `${seconds.toFixed(1)}s`;
}

/** A number, possibly signed, with separators, an exponent and a short unit: "1,234", "-0.5", "12.3s", "91.2%". */
const NUMBER_CELL =
  /^[-+]?(\d[\d,]*(\.\d+)?|\.\d+)(e[-+]?\d+)?\s?([%x]|[kMGTP]i?B?|[kMGTP]|m?s|MiB|MB|GB|[a-zA-Z]{1,3}\/s)?$/;
/** A duration from {@linkcode formatDuration}: "1h02m", "3m05s". */
const DURATION_CELL = /^\d+h\d{2}m$|^\d+m\d{2}s$/;
/** Cells that say "nothing here" and leave a column's alignment alone. */
const EMPTY_CELLS = new Set(["", MISSING, "-", "n/a"]);

/**
 * Lays out rows under a header as an aligned plain-text table with a rule under the header. A column whose
 * cells all read as numbers (or are empty, {@linkcode MISSING}, "-" or "n/a") is right-aligned, header
 * included; other columns are left-aligned. Trailing spaces are trimmed.
 *
 * @param header Column titles.
 * @param rows Cells, already formatted, one array per row.
 * @returns The table, lines joined by newlines.
 * @example Names left, numbers right
 * ```ts
 * import assert from "node:assert/strict";
 * import { textTable } from "./text_format.ts";
 * assert.equal(
 *   textTable(["block", "test acc"], [["first", "91.23%"], ["second", "9.50%"]]),
 *   ["block   test acc", "------  --------", "first     91.23%", "second     9.50%"].join("\n"),
 * );
 * ```
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const numeric = header.map((_, c) => {
    const cells = rows.map((r) => (r[c] ?? "").trim()).filter((cell) => !EMPTY_CELLS.has(cell));
    return cells.length > 0 && cells.every((cell) => NUMBER_CELL.test(cell) || DURATION_CELL.test(cell));
  });
  const line = (cells: readonly string[]) =>
    header.map((_, c) => {
      const cell = cells[c] ?? "";
      return numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]);
    }).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
