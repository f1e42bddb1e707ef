/**
 * Plain-text tables for the terminal.
 * @module
 */

/**
 * Lays out rows as an aligned text table with a header rule; numbers align right.
 *
 * @param header Column titles.
 * @param rows Cells, already formatted.
 * @returns The table, one line per row.
 * @example
 * ```ts
 * import { formatTable } from "./format_table.ts";
 * console.log(formatTable(["block", "acc"], [["1", "91.2%"]]));
 * ```
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]?.length ?? 0)));
  const numeric = header.map((_, c) =>
    rows.every((r) => /^[-+\d.,%x eE]*[\d%]?[ kMGB/s]*$/.test(r[c] ?? ""))
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])).join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Formats a fraction as a percentage with two decimals ("91.23%"), or "-" for NaN. */
export function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(2)}%` : "-";
}

/** Formats a count with a metric suffix ("1.2M", "35.0k"). */
export function compact(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)}G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value));
}

/** Formats seconds as "1h02m", "3m05s" or "12.3s". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds >= 3600) {
    return `${Math.floor(seconds / 3600)}h${String(Math.floor(seconds % 3600 / 60)).padStart(2, "0")}m`;
  }
  if (seconds >= 60) {
    return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
  }
  return `${seconds.toFixed(1)}s`;
}
