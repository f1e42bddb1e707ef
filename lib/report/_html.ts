/**
 * Private: text escaping for HTML output (report and notebook fallback).
 * @module
 */

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values.
 *
 * @param text Any text (titles, config values, class names).
 * @returns The text with `& < > " '` replaced by entities.
 */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/**
 * Serialises a value as JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`, no line
 * separators that old parsers reject): `<`, `>`, `&`, U+2028 and U+2029 become `\uXXXX` escapes, which
 * `JSON.parse` and JavaScript read back unchanged.
 *
 * @param value A JSON-able value (NaN and Infinity become null, as in `JSON.stringify`).
 * @returns JSON text.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Makes JavaScript source safe to inline in a `<script>` element: an `</script` or `<!--` inside a string, a
 * template or a regular expression of the source would end or confuse the element. Their `<` becomes `\x3C`,
 * which means `<` in all three (and is valid in `u`-flag regular expressions, unlike `<\/`).
 *
 * @param source JavaScript source (e.g. the Plotly bundle).
 * @returns The source with those sequences broken up.
 */
export function scriptSafe(source: string): string {
  return source.replace(/<(\/script|!--)/gi, "\\x3C$1");
}
