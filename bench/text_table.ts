/**
 * Plain-text tables for the bench's output.
 * @module
 */

/**
 * Lays out rows under a header, columns padded to their widest cell; cells that read as numbers are
 * right-aligned.
 *
 * @param header Column titles.
 * @param rows Cells, one array per row.
 * @returns The table, lines joined by newlines.
 * @example
 * ```ts
 * import { textTable } from "./text_table.ts";
 * console.log(textTable(["name", "img/s"], [["wasm", "120.5"]]));
 * ```
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const numeric = (s: string) => /^[-+]?[\d.,]+(%|x)?$/.test(s) || s === "-";
  const line = (cells: readonly string[]) =>
    cells.map((s, c) => numeric(s) ? s.padStart(widths[c]) : s.padEnd(widths[c])).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/**
 * A number for a table: 3 significant digits, or "-" when absent.
 *
 * @param value The number.
 * @param digits Significant digits.
 * @returns The cell.
 */
export function cell(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "-";
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toString();
  return Number(value.toPrecision(digits)).toString();
}

/**
 * Bytes as MB (10^6) for a table.
 *
 * @param bytes Bytes.
 * @returns The cell.
 */
export function megabytes(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? "-" : cell(bytes / 1e6);
}
