/**
 * One HTTP download into a `.part` file, resuming with a Range request when the part already holds bytes.
 * @module
 */

import { statIfExists } from "../../lib/util/file_exists.ts";
import type { DatasetEventHandler } from "../dataset_events.ts";

/** What {@linkcode fetchToPart} needs. */
export interface FetchToPartOptions {
  /** The URL to fetch. */
  readonly url: string;
  /** The partial file; bytes already in it are kept and continued when the server honours Range. */
  readonly partPath: string;
  /** The file's name, for events. */
  readonly file: string;
  /** Size the complete file must have; a server announcing another size is refused before any byte is written. */
  readonly expectedSize?: number;
  /** Discard any bytes already in the part file. */
  readonly fresh?: boolean;
  /** Seconds to wait for the response headers (default 30). */
  readonly headersTimeoutSeconds?: number;
  /** Cancels the transfer; the bytes received so far stay in the part file. */
  readonly signal?: AbortSignal;
  /** Receives `download-start`, `download-progress` and `download-restart` events. */
  readonly onEvent?: DatasetEventHandler;
}

async function sizeOf(path: string): Promise<number> {
  return (await statIfExists(path))?.size ?? 0;
}

/** Parses `bytes 100-199/1000` or `bytes *\/1000`. */
function parseContentRange(header: string | null): { start?: number; total?: number } {
  const match = header?.match(/^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/);
  if (!match) return {};
  return {
    start: match[1] === undefined ? undefined : Number(match[1]),
    total: match[2] === "*" ? undefined : Number(match[2]),
  };
}

/**
 * Fetches `url` into `partPath`. Bytes already in the part file are continued with `Range: bytes=N-`; a server
 * that ignores Range (status 200) causes a clean restart from byte 0, announced by a `download-restart` event.
 * The caller verifies the part file and renames it into place.
 *
 * @param options URL, part file, expected size, signal and event handler.
 * @returns The number of bytes in the part file when the server finished.
 * @throws Error on an HTTP error status, a size other than `expectedSize`, or a connection lost before the end
 *   (the message says how many bytes arrived); the part file keeps what arrived.
 */
export async function fetchToPart(options: FetchToPartOptions): Promise<number> {
  const { url, partPath, file, expectedSize, signal, onEvent } = options;
  let existing = options.fresh ? 0 : await sizeOf(partPath);
  if (expectedSize !== undefined && existing === expectedSize) return existing;
  if (expectedSize !== undefined && existing > expectedSize) {
    onEvent?.({
      type: "download-restart",
      file,
      url,
      reason: `part file has ${existing} bytes, more than expected`,
    });
    existing = 0;
  }

  const headers: Record<string, string> = { "accept-encoding": "identity" };
  if (existing > 0) headers.range = `bytes=${existing}-`;
  // The timeout covers only the wait for headers: a large body may take much longer.
  const waitSeconds = options.headersTimeoutSeconds ?? 30;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), waitSeconds * 1000);
  const response = await fetch(url, {
    headers,
    signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
  }).catch((error) => {
    if (signal?.aborted) throw signal.reason;
    if (timeout.signal.aborted) throw new Error(`no answer within ${waitSeconds} s`);
    throw error;
  }).finally(() => clearTimeout(timer));

  let total: number | undefined;
  let append = false;
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get("content-range"));
    if (range.start !== existing) {
      await response.body?.cancel();
      throw new Error(`server answered a range starting at byte ${range.start}, asked for ${existing}`);
    }
    total = range.total;
    append = true;
  } else if (response.status === 416 && existing > 0) {
    await response.body?.cancel();
    const range = parseContentRange(response.headers.get("content-range"));
    if (range.total === existing) return existing;
    onEvent?.({
      type: "download-restart",
      file,
      url,
      reason: `server refused the range from byte ${existing}`,
    });
    return fetchToPart({ ...options, fresh: true });
  } else if (response.ok) {
    if (existing > 0) {
      onEvent?.({ type: "download-restart", file, url, reason: "server ignored the Range request" });
    }
    const length = response.headers.get("content-length");
    total = length === null ? undefined : Number(length);
    existing = 0;
  } else {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  total ??= expectedSize;
  if (expectedSize !== undefined && total !== expectedSize) {
    await response.body?.cancel();
    throw new Error(`server announces ${total} bytes, expected ${expectedSize}`);
  }
  if (!response.body) throw new Error("response has no body");

  onEvent?.({ type: "download-start", file, url, totalBytes: total, resumeFromBytes: existing });
  const started = performance.now();
  let bytes = existing;
  let lastEvent = 0;
  const progress = () => {
    const seconds = (performance.now() - started) / 1000;
    const bytesPerSecond = seconds > 0 ? (bytes - existing) / seconds : 0;
    onEvent?.({ type: "download-progress", file, bytes, totalBytes: total, bytesPerSecond });
  };
  using out = await Deno.open(partPath, { write: true, create: true, append, truncate: !append });
  try {
    for await (const chunk of response.body) {
      for (let written = 0; written < chunk.length;) written += await out.write(chunk.subarray(written));
      bytes += chunk.length;
      if (performance.now() - lastEvent >= 100) {
        lastEvent = performance.now();
        progress();
      }
      signal?.throwIfAborted();
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const of = total === undefined ? "" : ` of ${total}`;
    throw new Error(`connection lost after ${bytes}${of} bytes (${String(error)}); run again to resume`);
  }
  await out.sync();
  progress();
  if (total !== undefined && bytes !== total) {
    throw new Error(`server sent ${bytes} of ${total} bytes; run again to resume`);
  }
  return bytes;
}
