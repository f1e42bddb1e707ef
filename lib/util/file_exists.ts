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
export async function statIfExists(path: string): Promise<Deno.FileInfo | undefined> {
  try {
    return await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
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
