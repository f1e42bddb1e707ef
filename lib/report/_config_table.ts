/**
 * Private: flattens a run's config (nested JSON) into `[key, value]` rows for a readable table.
 * @module
 */

function scalar(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return Object.entries(value).map(([k, v]) => `${k} ${inline(v)}`).join(", ");
  }
  return scalar(value);
}

/**
 * Flattens a config: nested objects become dotted keys (`encoding.alpha`), arrays of plain values one row
 * (`[1, 2]`), arrays of objects one row per element (`blocks[1]` = `channels 64, kernelSize 3, pool 2`, 1-based).
 *
 * @param config A JSON-able object, e.g. a `RunConfig`.
 * @param prefix Key prefix for recursion.
 * @returns Rows in the config's key order.
 */
export function flattenConfig(config: unknown, prefix = ""): [string, string][] {
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    return [[prefix || "value", inline(config)]];
  }
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(config)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === "object")) {
      value.forEach((v, i) => rows.push([`${name}[${i + 1}]`, inline(v)]));
      if (value.length === 0) rows.push([name, "[]"]);
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      rows.push(...flattenConfig(value, name));
    } else {
      rows.push([name, inline(value)]);
    }
  }
  return rows;
}
