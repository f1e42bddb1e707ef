/**
 * Download a file into the cache: mirrors tried in order, resume of partial downloads, size and checksum
 * verified before the file is renamed into place, an offline mode that never touches the network.
 * @module
 */

import { join } from "node:path";
import { statIfExists } from "../../lib/util/file_exists.ts";
import { type ExpectedFile, verifyFile } from "./checksum.ts";
import { DownloadError, MissingFileError } from "../dataset_errors.ts";
import type { DatasetEventHandler } from "../dataset_events.ts";
import { fetchToPart } from "./fetch_to_part.ts";

/** A file that can be downloaded: its name in the cache, its mirrors and what it must be. */
export interface RemoteFile extends ExpectedFile {
  /** The file's name in the cache folder, e.g. `"train-images-idx3-ubyte.gz"`. */
  readonly fileName: string;
  /** Mirrors, tried in order until one delivers the file. */
  readonly urls: readonly string[];
}

/** Where to put the file and how to behave. */
export interface DownloadOptions {
  /** The folder the file is kept in (created if needed). */
  readonly dir: string;
  /** Never touch the network: a file absent from `dir` is a {@linkcode MissingFileError}. */
  readonly offline?: boolean;
  /** Fetch again even if `dir` holds the file; the old file is replaced only once the new one verifies. */
  readonly redownload?: boolean;
  /** Cancels the download; the partial `.part` file is kept for resuming. */
  readonly signal?: AbortSignal;
  /** Receives download and verification events. */
  readonly onEvent?: DatasetEventHandler;
}

async function verify(
  path: string,
  remote: RemoteFile,
  name: string,
  options: DownloadOptions,
  fix?: string,
) {
  const started = performance.now();
  const checked = await verifyFile(path, remote, fix);
  const seconds = (performance.now() - started) / 1000;
  for (const algorithm of checked) options.onEvent?.({ type: "verified", file: name, algorithm, seconds });
}

/**
 * Makes sure `dir/fileName` is present and verified, downloading it if needed, and returns its path.
 *
 * A file already in `dir` is verified (size, md5/sha256) and returned; a corrupt one is an error, never used and
 * never deleted. Otherwise each mirror is tried in turn; bytes go to `fileName.part`, which a later run resumes
 * with an HTTP Range request (a server that ignores Range makes a clean restart). The part file is verified
 * before it is renamed into place; if it fails, it is kept and the error names it.
 *
 * @param remote The file's name, mirrors, size and checksums.
 * @param options Folder, offline/redownload switches, signal and event handler.
 * @returns The path of the verified file.
 * @throws MissingFileError in offline mode when the file is absent; CorruptFileError when the file or the
 *   finished download fails a check; DownloadError when every mirror failed; the signal's reason on abort.
 * @example Offline mode names the missing file and where to get it
 * ```ts
 * import { download } from "./download.ts";
 * const dir = await Deno.makeTempDir();
 * const remote = { fileName: "a.bin", urls: ["https://example.org/a.bin"], size: 3 };
 * const error = await download(remote, { dir, offline: true }).catch((e) => e);
 * if (!String(error.message).includes("https://example.org/a.bin")) throw error;
 * ```
 */
export async function download(remote: RemoteFile, options: DownloadOptions): Promise<string> {
  const { dir, signal, onEvent } = options;
  const path = join(dir, remote.fileName);
  if (!options.redownload && (await statIfExists(path)) !== undefined) {
    await verify(path, remote, remote.fileName, options);
    return path;
  }
  if (options.offline) throw new MissingFileError(path, remote.urls);
  await Deno.mkdir(dir, { recursive: true });
  const part = `${path}.part`;
  const failures: { url: string; reason: string }[] = [];
  if (options.redownload) {
    // Asked for explicitly: a part left by an earlier run must not be continued.
    await Deno.remove(part).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
  for (const url of remote.urls) {
    signal?.throwIfAborted();
    const started = performance.now();
    let bytes: number;
    try {
      bytes = await fetchToPart({
        url,
        partPath: part,
        file: remote.fileName,
        expectedSize: remote.size,
        signal,
        onEvent,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const reason = error instanceof Error ? error.message : String(error);
      failures.push({ url, reason });
      onEvent?.({ type: "mirror-failed", file: remote.fileName, url, reason });
      continue;
    }
    await verify(
      part,
      remote,
      remote.fileName,
      options,
      `the download is kept there; delete it or run with --redownload`,
    );
    await Deno.rename(part, path);
    const seconds = (performance.now() - started) / 1000;
    onEvent?.({ type: "download-done", file: remote.fileName, bytes, seconds });
    return path;
  }
  throw new DownloadError(remote.fileName, failures);
}
