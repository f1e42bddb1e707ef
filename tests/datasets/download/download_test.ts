import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { download, type RemoteFile } from "../../../datasets/download/download.ts";
import { CorruptFileError, DownloadError, MissingFileError } from "../../../datasets/dataset_errors.ts";
import type { DatasetEvent } from "../../../datasets/dataset_events.ts";
import { serveFiles } from "../_file_server.ts";

const payload = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
const md5 = createHash("md5").update(payload).digest("hex");
const sha256 = createHash("sha256").update(payload).digest("hex");

function remote(base: string, extra: Partial<RemoteFile> = {}): RemoteFile {
  return { fileName: "data.bin", urls: [`${base}data.bin`], size: payload.length, md5, sha256, ...extra };
}

Deno.test("download() fetches, verifies md5 and sha256, and renames the file into place", async () => {
  const server = serveFiles({ "data.bin": payload });
  const dir = await Deno.makeTempDir();
  try {
    const events: DatasetEvent[] = [];
    const path = await download(remote(server.url), { dir, onEvent: (e) => events.push(e) });
    assert.equal(path, `${dir}/data.bin`);
    assert.deepEqual(await Deno.readFile(path), payload);
    await assert.rejects(Deno.stat(`${path}.part`), Deno.errors.NotFound);
    const types = events.map((e) => e.type);
    assert.deepEqual(types.filter((t) => t !== "download-progress"), [
      "download-start",
      "verified",
      "verified",
      "download-done",
    ]);
    const last = events.filter((e) => e.type === "download-progress").at(-1);
    assert.ok(last?.type === "download-progress" && last.bytes === payload.length && last.bytesPerSecond > 0);
    // A second call finds the verified file and does not touch the network.
    const before = server.requests.length;
    await download(remote(server.url), { dir });
    assert.equal(server.requests.length, before);
  } finally {
    await server.close();
  }
});

Deno.test("download() keeps a download that fails its checksum and names both checksums", async () => {
  const server = serveFiles({ "data.bin": payload });
  const dir = await Deno.makeTempDir();
  try {
    const wrong = "0".repeat(32);
    const error = await download(remote(server.url, { md5: wrong }), { dir }).catch((e) => e);
    assert.ok(error instanceof CorruptFileError, String(error));
    assert.match(error.message, new RegExp(`md5 is ${md5}, expected ${wrong}`));
    assert.match(error.message, /data\.bin\.part/);
    assert.match(error.message, /--redownload/);
    assert.deepEqual(await Deno.readFile(`${dir}/data.bin.part`), payload);
    await assert.rejects(Deno.stat(`${dir}/data.bin`), Deno.errors.NotFound);
  } finally {
    await server.close();
  }
});

Deno.test("download() never uses or deletes a corrupt cached file, and --redownload replaces it", async () => {
  const server = serveFiles({ "data.bin": payload });
  const dir = await Deno.makeTempDir();
  try {
    const corrupt = payload.slice();
    corrupt[1000] ^= 0xff;
    await Deno.writeFile(`${dir}/data.bin`, corrupt);
    const error = await download(remote(server.url), { dir }).catch((e) => e);
    assert.ok(error instanceof CorruptFileError);
    assert.equal(error.check, "md5");
    assert.equal(error.expected, md5);
    assert.equal(error.actual, createHash("md5").update(corrupt).digest("hex"));
    assert.match(error.message, /delete it or run with --redownload/);
    assert.deepEqual(await Deno.readFile(`${dir}/data.bin`), corrupt);
    assert.equal(server.requests.length, 0);
    await download(remote(server.url), { dir, redownload: true });
    assert.deepEqual(await Deno.readFile(`${dir}/data.bin`), payload);
  } finally {
    await server.close();
  }
});

Deno.test("download() reports a truncated cached file with the bytes it has and expects", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(`${dir}/data.bin`, payload.subarray(0, 4096));
  const error = await download(remote("http://127.0.0.1:9/"), { dir, offline: true }).catch((e) => e);
  assert.ok(error instanceof CorruptFileError);
  assert.match(error.message, new RegExp(`file has 4096 of ${payload.length} bytes`));
});

Deno.test("download() resumes a partial file with a Range request", async () => {
  const server = serveFiles({ "data.bin": payload });
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/data.bin.part`, payload.subarray(0, 123_456));
    const events: DatasetEvent[] = [];
    const path = await download(remote(server.url), { dir, onEvent: (e) => events.push(e) });
    assert.deepEqual(server.requests, [{ path: "data.bin", range: "bytes=123456-" }]);
    assert.deepEqual(await Deno.readFile(path), payload);
    const start = events.find((e) => e.type === "download-start");
    assert.ok(start?.type === "download-start" && start.resumeFromBytes === 123_456);
  } finally {
    await server.close();
  }
});

Deno.test("download() restarts cleanly when the server ignores Range", async () => {
  const server = serveFiles({ "data.bin": payload });
  server.rangeSupport = false;
  const dir = await Deno.makeTempDir();
  try {
    // Garbage in the part proves it was discarded, not continued.
    await Deno.writeFile(`${dir}/data.bin.part`, new Uint8Array(5000).fill(9));
    const events: DatasetEvent[] = [];
    const path = await download(remote(server.url), { dir, onEvent: (e) => events.push(e) });
    assert.equal(server.requests[0].range, "bytes=5000-");
    assert.deepEqual(await Deno.readFile(path), payload);
    assert.ok(events.some((e) => e.type === "download-restart" && /ignored the Range/.test(e.reason)));
  } finally {
    await server.close();
  }
});

Deno.test("download() keeps the bytes of a lost connection and resumes them on the next run", async () => {
  const server = serveFiles({ "data.bin": payload });
  const dir = await Deno.makeTempDir();
  try {
    server.dropAfterBytes = 100_000;
    const error = await download(remote(server.url), { dir }).catch((e) => e);
    assert.ok(error instanceof DownloadError, String(error));
    assert.match(error.message, /connection lost after \d+ of 300000 bytes/);
    const partSize = (await Deno.stat(`${dir}/data.bin.part`)).size;
    assert.ok(partSize > 0 && partSize <= 100_000, `part has ${partSize} bytes`);
    server.dropAfterBytes = undefined;
    await download(remote(server.url), { dir });
    assert.equal(server.requests.at(-1)?.range, `bytes=${partSize}-`);
    assert.deepEqual(await Deno.readFile(`${dir}/data.bin`), payload);
  } finally {
    await server.close();
  }
});

Deno.test("download() falls back to the next mirror and lists every failure when all fail", async () => {
  const server = serveFiles({ "data.bin": payload, "short.bin": payload.subarray(0, 10) });
  const dir = await Deno.makeTempDir();
  try {
    const events: DatasetEvent[] = [];
    const urls = [`${server.url}missing.bin`, `${server.url}short.bin`, `${server.url}data.bin`];
    await download(remote(server.url, { urls }), { dir, onEvent: (e) => events.push(e) });
    const failed = events.filter((e) => e.type === "mirror-failed").map((e) =>
      e.type === "mirror-failed" && e.reason
    );
    assert.deepEqual(failed, ["HTTP 404 Not Found", `server announces 10 bytes, expected ${payload.length}`]);
    assert.deepEqual(await Deno.readFile(`${dir}/data.bin`), payload);

    const error = await download(remote(server.url, { urls: urls.slice(0, 2) }), { dir: `${dir}/b` }).catch((
      e,
    ) => e);
    assert.ok(error instanceof DownloadError);
    assert.equal(error.failures.length, 2);
    assert.match(error.message, /missing\.bin: HTTP 404/);
  } finally {
    await server.close();
  }
});

Deno.test("download() in offline mode never touches the network and says what to put where", async () => {
  const server = serveFiles({ "data.bin": payload });
  const dir = await Deno.makeTempDir();
  try {
    const error = await download(remote(server.url), { dir, offline: true }).catch((e) => e);
    assert.ok(error instanceof MissingFileError);
    assert.equal(error.path, `${dir}/data.bin`);
    assert.match(error.message, new RegExp(`download it from ${server.url}data.bin and put it there`));
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

Deno.test("download() stops on an aborted signal without trying other mirrors", async () => {
  const server = serveFiles({ "data.bin": payload });
  const dir = await Deno.makeTempDir();
  try {
    const controller = new AbortController();
    controller.abort(new Error("stopped by the user"));
    const error = await download(remote(server.url), { dir, signal: controller.signal }).catch((e) => e);
    assert.equal(error.message, "stopped by the user");
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

Deno.test("download() aborted mid-transfer keeps the part file, and the next run resumes it", async () => {
  const server = serveFiles({ "data.bin": payload });
  const dir = await Deno.makeTempDir();
  try {
    const controller = new AbortController();
    const onEvent = (e: DatasetEvent) => {
      if (e.type === "download-progress") controller.abort(new Error("stopped by the user"));
    };
    const urls = [`${server.url}data.bin`, `${server.url}data.bin`];
    const error = await download(remote(server.url, { urls }), { dir, signal: controller.signal, onEvent })
      .catch((e) => e);
    assert.equal(error.message, "stopped by the user");
    assert.equal(server.requests.length, 1, "no second mirror after an abort");
    await assert.rejects(Deno.stat(`${dir}/data.bin`), Deno.errors.NotFound);
    const partSize = (await Deno.stat(`${dir}/data.bin.part`)).size;
    await download(remote(server.url), { dir });
    assert.ok(partSize > 0 && partSize < payload.length, `part has ${partSize} bytes`);
    assert.equal(server.requests[1].range, `bytes=${partSize}-`);
    assert.deepEqual(await Deno.readFile(`${dir}/data.bin`), payload);
  } finally {
    await server.close();
  }
});

Deno.test("download() completes a full part left by an interrupted run without the network", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(`${dir}/data.bin.part`, payload);
  const path = await download(remote("http://127.0.0.1:9/"), { dir });
  assert.deepEqual(await Deno.readFile(path), payload);
  await assert.rejects(Deno.stat(`${dir}/data.bin.part`), Deno.errors.NotFound);
});
