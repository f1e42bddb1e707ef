/**
 * The CLIs' text output: whole strings to stdout (results) and stderr (progress, errors).
 * @module
 */

const encoder = new TextEncoder();

function writeAll(stream: { writeSync(p: Uint8Array): number }, text: string): void {
  const bytes = encoder.encode(text);
  // writeSync may write fewer bytes than asked (pipes): loop until everything is out.
  for (let written = 0; written < bytes.length;) written += stream.writeSync(bytes.subarray(written));
}

/**
 * Writes text to stdout, all of it.
 *
 * @param text What to write (add the newline yourself).
 */
export function stdout(text: string): void {
  writeAll(Deno.stdout, text);
}

/**
 * Writes text to stderr, all of it.
 *
 * @param text What to write (add the newline yourself).
 */
export function stderr(text: string): void {
  writeAll(Deno.stderr, text);
}
