/**
 * Where downloaded datasets are kept.
 * @module
 */

import { posix, win32 } from "node:path";

/** Reads an environment variable; `undefined` when unset. */
export type EnvLookup = (name: string) => string | undefined;

function denoEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    // Without --allow-env the variables are simply not consulted.
    return undefined;
  }
}

/**
 * The folder downloads go to: `$ASGE_DATA` if set, else the platform's cache folder plus `asge`:
 * `$XDG_CACHE_HOME/asge` or `~/.cache/asge` on Linux and other Unix systems, `~/Library/Caches/asge` on macOS,
 * `%LOCALAPPDATA%\asge` on Windows.
 *
 * @param env Environment lookup (default `Deno.env.get`, tolerant of a missing `--allow-env`).
 * @param os Operating system as in `Deno.build.os`.
 * @returns An absolute folder path (it may not exist yet).
 * @throws Error if no variable gives a home or cache folder.
 * @example Linux with XDG_CACHE_HOME
 * ```ts
 * import { defaultCacheDir } from "./cache_dir.ts";
 * const env = (name: string) => ({ XDG_CACHE_HOME: "/c", HOME: "/h" } as Record<string, string>)[name];
 * if (defaultCacheDir(env, "linux") !== "/c/asge") throw new Error("unexpected cache dir");
 * ```
 */
export function defaultCacheDir(env: EnvLookup = denoEnv, os: string = Deno.build.os): string {
  const explicit = env("ASGE_DATA");
  if (explicit) return explicit;
  const join = os === "windows" ? win32.join : posix.join;
  if (os === "windows") {
    const local = env("LOCALAPPDATA") ??
      (env("USERPROFILE") && join(env("USERPROFILE")!, "AppData", "Local"));
    if (local) return join(local, "asge");
  } else {
    const home = env("HOME");
    if (os === "darwin" && home) return join(home, "Library", "Caches", "asge");
    const xdg = env("XDG_CACHE_HOME");
    if (xdg) return join(xdg, "asge");
    if (home) return join(home, ".cache", "asge");
  }
  throw new Error(
    `Cannot find a cache folder on ${os}: no ASGE_DATA, HOME, XDG_CACHE_HOME or LOCALAPPDATA variable is ` +
      `visible; set ASGE_DATA to a folder, pass --cache-dir, or run with --allow-env`,
  );
}
