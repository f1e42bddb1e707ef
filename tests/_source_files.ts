/**
 * Test helper: walks a folder for the TypeScript files the source-scanning tests read (doc examples, import
 * direction).
 * @module
 */

/**
 * Every `.ts` file under `dir`, subfolders included, in the order `Deno.readDir` gives them.
 *
 * @param dir A folder URL ending in `/`.
 * @returns The files' URLs.
 */
export async function* sourceFiles(dir: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) yield* sourceFiles(url);
    else if (entry.name.endsWith(".ts")) yield url;
  }
}
