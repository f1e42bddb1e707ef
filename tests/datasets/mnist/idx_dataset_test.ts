import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  type IdxDatasetSpec,
  type IdxFileSpec,
  loadIdxDataset,
} from "../../../datasets/mnist/idx_dataset.ts";
import { CorruptFileError, MissingFileError } from "../../../datasets/dataset_errors.ts";
import type { DatasetEvent } from "../../../datasets/dataset_events.ts";
import { gzip, idxImages, idxLabels } from "../_dataset_files.ts";
import { serveFiles } from "../_file_server.ts";

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");
const pixel = (n: number, y: number, x: number) => (n * 13 + y * 5 + x * 3) % 256;
const raw: Record<string, Uint8Array> = {
  "train-images-idx3-ubyte": idxImages(6, 28, 28, pixel),
  "train-labels-idx1-ubyte": idxLabels([5, 0, 4, 1, 9, 2]),
  "t10k-images-idx3-ubyte": idxImages(2, 28, 28, (n, y, x) => pixel(n + 100, y, x)),
  "t10k-labels-idx1-ubyte": idxLabels([7, 2]),
};
const gz = Object.fromEntries(Object.entries(raw).map(([name, bytes]) => [`${name}.gz`, gzip(bytes)]));

function fileSpec(name: string): IdxFileSpec {
  const g = gz[`${name}.gz`];
  return { name, raw: { size: raw[name].length, md5: md5(raw[name]) }, gz: { size: g.length, md5: md5(g) } };
}

function tinySpec(mirrors: string[]): IdxDatasetSpec {
  return {
    name: "tiny-mnist",
    files: {
      trainImages: fileSpec("train-images-idx3-ubyte"),
      trainLabels: fileSpec("train-labels-idx1-ubyte"),
      testImages: fileSpec("t10k-images-idx3-ubyte"),
      testLabels: fileSpec("t10k-labels-idx1-ubyte"),
    },
    mirrors,
    localSources: [],
    classNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    normalization: { mean: [0.1], std: [0.3] },
  };
}

Deno.test("loadIdxDataset() downloads the four .gz files from the second mirror and parses them", async () => {
  const server = serveFiles(gz);
  const cacheDir = await Deno.makeTempDir();
  try {
    const events: DatasetEvent[] = [];
    const spec = tinySpec([`${server.url}gone/`, server.url]);
    const data = await loadIdxDataset(spec, { cacheDir, onEvent: (e) => events.push(e) });
    assert.deepEqual([data.train.count, data.test.count, data.train.height, data.train.channels], [
      6,
      2,
      28,
      1,
    ]);
    assert.deepEqual([...data.train.labels], [5, 0, 4, 1, 9, 2]);
    assert.deepEqual([...data.test.labels], [7, 2]);
    assert.equal(data.train.images[3 * 784 + 27 * 28 + 13], pixel(3, 27, 13));
    assert.equal(data.test.images[784 + 1], pixel(101, 0, 1));
    assert.equal(events.filter((e) => e.type === "mirror-failed").length, 4);
    assert.equal(events.filter((e) => e.type === "download-done").length, 4);
    assert.deepEqual(
      await Deno.readFile(`${cacheDir}/tiny-mnist/train-images-idx3-ubyte.gz`),
      gz["train-images-idx3-ubyte.gz"],
    );

    const requests = server.requests.length;
    const offline = await loadIdxDataset(spec, { cacheDir, offline: true });
    assert.deepEqual(offline.train.images, data.train.images);
    assert.equal(server.requests.length, requests);
  } finally {
    await server.close();
  }
});

Deno.test("loadIdxDataset() reads a data folder of uncompressed files and checks their decompressed md5", async () => {
  const dir = await Deno.makeTempDir();
  for (const [name, bytes] of Object.entries(raw)) await Deno.writeFile(`${dir}/${name}`, bytes);
  const events: DatasetEvent[] = [];
  const data = await loadIdxDataset(tinySpec([]), {
    dataDir: dir,
    offline: true,
    onEvent: (e) => events.push(e),
  });
  assert.equal(data.train.count, 6);
  assert.deepEqual(events[0], { type: "source", dataset: "tiny-mnist", source: "data folder", path: dir });

  // A gzip with another header (as Debian ships) still passes: the decompressed bytes are what is checked.
  await Deno.remove(`${dir}/t10k-labels-idx1-ubyte`);
  const other = gzip(raw["t10k-labels-idx1-ubyte"]).slice();
  other[4] = 0x12; // a different mtime in the gzip header
  await Deno.writeFile(`${dir}/t10k-labels-idx1-ubyte.gz`, other);
  assert.deepEqual([...(await loadIdxDataset(tinySpec([]), { dataDir: dir, offline: true })).test.labels], [
    7,
    2,
  ]);

  // A wrong file is never used, never deleted, and the error names both checksums.
  const wrong = idxLabels([5, 0, 4, 1, 9, 3]);
  await Deno.writeFile(`${dir}/train-labels-idx1-ubyte`, wrong);
  const error = await loadIdxDataset(tinySpec([]), { dataDir: dir, offline: true }).catch((e) => e);
  assert.ok(error instanceof CorruptFileError);
  assert.equal(error.path, `${dir}/train-labels-idx1-ubyte`);
  assert.match(
    error.message,
    new RegExp(`md5 is ${md5(wrong)}, expected ${md5(raw["train-labels-idx1-ubyte"])}`),
  );
  assert.deepEqual(await Deno.readFile(`${dir}/train-labels-idx1-ubyte`), wrong);
});

Deno.test("loadIdxDataset() offline with an incomplete data folder names the missing file and its URL", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(`${dir}/train-images-idx3-ubyte`, raw["train-images-idx3-ubyte"]);
  const events: DatasetEvent[] = [];
  const spec = tinySpec(["http://mirror.invalid/"]);
  const cacheDir = `${dir}/cache`;
  const error = await loadIdxDataset(spec, {
    dataDir: dir,
    cacheDir,
    offline: true,
    onEvent: (e) => events.push(e),
  })
    .catch((e) => e);
  assert.ok(error instanceof MissingFileError);
  assert.equal(error.path, `${cacheDir}/tiny-mnist/train-images-idx3-ubyte.gz`);
  assert.match(
    error.message,
    /download it from http:\/\/mirror\.invalid\/train-images-idx3-ubyte\.gz and put it there/,
  );
  const skipped = events.find((e) => e.type === "source-skipped");
  assert.ok(skipped?.type === "source-skipped" && /lacks train-labels-idx1-ubyte/.test(skipped.reason));
});
