/**
 * Whether a path exists, asked in one place: a missing path is an answer, any other failure (no permission, an
 * I/O error) is thrown, so that "not there" is never confused with "could not look".
 * @module
 */

/**
 * The file information of `path`, or `undefined` when nothing is there.
 *
 * @param path A file or folder.
 * @returns `Deno.stat`'s answer, or `undefined` when `path` does not exist.
 * @throws The error of `Deno.stat` for anything but a missing path (e.g. `PermissionDenied`).
 * @example A folder that exists and a name that does not
 * ```ts
 * import { statIfExists } from "./file_exists.ts";
 * const dir = await Deno.makeTempDir();
 * if (!(await statIfExists(dir))?.isDirectory) throw new Error("the folder should exist");
 * if ((await statIfExists(`${dir}/missing.bin`)) !== undefined) throw new Error("nothing should be there");
 * await Deno.remove(dir);
 * ```
 */
export function statIfExists(path: string): Promise<Deno.FileInfo | undefined> {
  return unlessMissing(Deno.stat(path));
}

/** The answer of a file operation, or `undefined` when it failed because nothing is there. */
async function unlessMissing<T>(operation: Promise<T>): Promise<T | undefined> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * The bytes of `path`, or `undefined` when nothing is there.
 *
 * @param path The file.
 * @returns `Deno.readFile`'s answer, or `undefined` when `path` does not exist.
 * @throws The error of `Deno.readFile` for anything but a missing path.
 * @example A file and a name that is not there
 * ```ts
 * import { readFileIfExists } from "./file_exists.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeFile(`${dir}/a.bin`, new Uint8Array([7]));
 * if ((await readFileIfExists(`${dir}/a.bin`))?.[0] !== 7) throw new Error("the byte should be read");
 * if ((await readFileIfExists(`${dir}/missing.bin`)) !== undefined) throw new Error("nothing should be there");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function readFileIfExists(path: string): Promise<Uint8Array | undefined> {
  return unlessMissing(Deno.readFile(path));
}

/**
 * The text of `path`, or `undefined` when nothing is there.
 *
 * @param path The file (UTF-8).
 * @returns `Deno.readTextFile`'s answer, or `undefined` when `path` does not exist.
 * @throws The error of `Deno.readTextFile` for anything but a missing path.
 * @example A file and a name that is not there
 * ```ts
 * import { readTextFileIfExists } from "./file_exists.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.txt`, "a");
 * if ((await readTextFileIfExists(`${dir}/a.txt`)) !== "a") throw new Error("the text should be read");
 * if ((await readTextFileIfExists(`${dir}/missing.txt`)) !== undefined) throw new Error("nothing should be there");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function readTextFileIfExists(path: string): Promise<string | undefined> {
  return unlessMissing(Deno.readTextFile(path));
}

/**
 * Whether `path` is a regular file (a folder of that name does not count).
 *
 * @param path The file.
 * @returns `true` for a file, `false` when nothing or a folder is there.
 * @throws The error of `Deno.stat` for anything but a missing path.
 * @example
 * ```ts
 * import { fileExists } from "./file_exists.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.txt`, "a");
 * if (!(await fileExists(`${dir}/a.txt`)) || (await fileExists(dir))) throw new Error();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function fileExists(path: string): Promise<boolean> {
  return (await statIfExists(path))?.isFile === true;
}
