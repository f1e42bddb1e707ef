/**
 * Private: number formatting shared by the results table and the HTML report.
 * @module
 */

/** Placeholder for a missing value. */
export const MISSING = "–";

/** A percentage with two decimals (`"90.62"`), or the placeholder. */
export function formatPercent(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? value.toFixed(2) : MISSING;
}

/** A gap in percentage points with its sign (`"+0.12"`, `"-2.80"`), or the placeholder. */
export function formatGap(value: number | null | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return MISSING;
  return `${value >= 0 ? "+" : ""}${value.toFixed(2)}`;
}

/** A count with thousands separators (`"1,234,567"`). */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : MISSING;
}

/** A large number with an SI prefix (`"312.4 M"`, `"1.25 G"`). */
export function formatSi(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const prefixes = ["", "k", "M", "G", "T", "P"];
  let scaled = value;
  let i = 0;
  while (Math.abs(scaled) >= 1000 && i < prefixes.length - 1) {
    scaled /= 1000;
    i++;
  }
  return `${Number(scaled.toPrecision(4))} ${prefixes[i]}`.trimEnd();
}

/** Bytes in MiB with two decimals (`"12.34 MiB"`). */
export function formatMiB(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(2)} MiB` : MISSING;
}

/** A general number with 4 significant digits, or the placeholder. */
export function formatNumber(value: number | null | undefined): string {
  return typeof value === "number" && Number.isFinite(value) ? String(Number(value.toPrecision(4))) : MISSING;
}

/** A duration as `"12.3s"`, `"4m05s"` or `"1h02m"`, or `"?"`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds >= 3600) {
    return `${Math.floor(seconds / 3600)}h${String(Math.floor(seconds % 3600 / 60)).padStart(2, "0")}m`;
  }
  if (seconds >= 60) {
    return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, "0")}s`;
  }
  return `${seconds.toFixed(1)}s`;
}
