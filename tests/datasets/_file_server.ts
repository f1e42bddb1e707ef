/**
 * A local HTTP server for dataset tests: serves in-memory files on 127.0.0.1 (random port), records each request's
 * Range header, and can ignore Range or drop the connection part-way.
 * @module
 */

/** A running test server. */
export interface FileServer {
  /** Base URL ending in `/`, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Every request received: path and Range header. */
  readonly requests: { path: string; range: string | null }[];
  /** Whether Range requests are honoured (206) or ignored (200, whole file); can be changed while running. */
  rangeSupport: boolean;
  /** When set, a response ends after this many bytes of the file, short of its Content-Length (a lost connection). */
  dropAfterBytes: number | undefined;
  /** Stops the server. */
  close(): Promise<void>;
}

function body(bytes: Uint8Array, start: number, dropAfter: number | undefined): BodyInit {
  if (dropAfter === undefined) return bytes.slice(start);
  let sent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(bytes.slice(start, Math.max(start, dropAfter)));
        return;
      }
      // Give the first chunk time to reach the client before the connection breaks.
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.close();
    },
  });
}

/**
 * Starts a server for `files` (path without leading slash -> bytes); unknown paths answer 404.
 *
 * @param files The files to serve.
 * @returns The running server; call `close()` at the end of the test.
 */
export function serveFiles(files: Record<string, Uint8Array>): FileServer {
  const requests: { path: string; range: string | null }[] = [];
  const state = { rangeSupport: true, dropAfterBytes: undefined as number | undefined };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname.slice(1));
    const range = request.headers.get("range");
    requests.push({ path, range });
    const bytes = files[path];
    if (!bytes) return new Response("not found", { status: 404 });
    const match = range?.match(/^bytes=(\d+)-$/);
    if (match && state.rangeSupport) {
      const start = Number(match[1]);
      if (start >= bytes.length) {
        return new Response(null, { status: 416, headers: { "content-range": `bytes */${bytes.length}` } });
      }
      const headers = {
        "content-range": `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
        "content-length": String(bytes.length - start),
      };
      return new Response(body(bytes, start, state.dropAfterBytes), { status: 206, headers });
    }
    const headers = { "content-length": String(bytes.length) };
    return new Response(body(bytes, 0, state.dropAfterBytes), { status: 200, headers });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/`,
    requests,
    get rangeSupport() {
      return state.rangeSupport;
    },
    set rangeSupport(value: boolean) {
      state.rangeSupport = value;
    },
    get dropAfterBytes() {
      return state.dropAfterBytes;
    },
    set dropAfterBytes(value: number | undefined) {
      state.dropAfterBytes = value;
    },
    close: () => server.shutdown(),
  };
}
