import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { parseCifarRecords } from "../../../datasets/formats/cifar_records.ts";
import { type CifarSpec, loadCifarDataset } from "../../../datasets/cifar/cifar_dataset.ts";
import { CIFAR100_SPEC } from "../../../datasets/cifar/cifar100.ts";
import { CIFAR10_SPEC } from "../../../datasets/cifar/cifar10.ts";
import { MissingFileError } from "../../../datasets/dataset_errors.ts";
import type { DatasetEvent } from "../../../datasets/dataset_events.ts";
import { cifarRecords, gzip, tarArchive } from "../_dataset_files.ts";
import { serveFiles } from "../_file_server.ts";

// Channel c of pixel (y, x) of record n: distinct in every coordinate, so a wrong layout shows.
const pixel = (n: number, c: number, y: number, x: number) => (n * 50 + c * 80 + y * 3 + x) % 256;
const at = (images: Uint8Array, n: number, y: number, x: number, c: number) =>
  images[((n * 32 + y) * 32 + x) * 3 + c];

Deno.test("parseCifarRecords() turns planar R, G, B into interleaved NHWC RGB", () => {
  const bytes = cifarRecords([[3], [9]], pixel);
  const set = parseCifarRecords([{ name: "b.bin", bytes }], { labelBytes: 1, labelIndex: 0, numClasses: 10 });
  assert.deepEqual([set.count, set.height, set.width, set.channels], [2, 32, 32, 3]);
  assert.deepEqual([...set.labels], [3, 9]);
  // Record 1, row 5, column 7: the planar file holds R at 1024*0 + 5*32 + 7 after the label byte, and so on.
  const red = bytes[3073 + 1 + 5 * 32 + 7], green = bytes[3073 + 1 + 1024 + 5 * 32 + 7];
  assert.equal(at(set.images, 1, 5, 7, 0), red);
  assert.equal(at(set.images, 1, 5, 7, 1), green);
  assert.deepEqual([0, 1, 2].map((c) => at(set.images, 1, 5, 7, c)), [0, 1, 2].map((c) => pixel(1, c, 5, 7)));
  assert.deepEqual(
    [0, 1, 2].map((c) => at(set.images, 0, 31, 31, c)),
    [0, 1, 2].map((c) => pixel(0, c, 31, 31)),
  );
});

Deno.test("parseCifarRecords() uses CIFAR-100's fine label and rejects partial records", () => {
  const bytes = cifarRecords([[4, 77], [19, 3]], pixel);
  const set = parseCifarRecords([{ name: "train.bin", bytes }], CIFAR100_SPEC);
  assert.deepEqual([...set.labels], [77, 3]);
  assert.equal(at(set.images, 1, 0, 0, 2), pixel(1, 2, 0, 0));
  assert.throws(
    () => parseCifarRecords([{ name: "train.bin", bytes: bytes.subarray(0, 5000) }], CIFAR100_SPEC),
    /"train\.bin": file has 5000 bytes, not a whole number of 3074-byte records \(1 records and 1926 bytes\)/,
  );
  assert.throws(
    () => parseCifarRecords([{ name: "x.bin", bytes: cifarRecords([[10]], pixel) }], CIFAR10_SPEC),
    /record 0 has label 10, expected 0\.\.9/,
  );
});

/** A CIFAR-10-shaped archive with 2 records per training batch and 3 test records. */
function tinyCifar10(): { archive: Uint8Array; spec: CifarSpec } {
  const members: Record<string, Uint8Array> = {};
  for (let i = 1; i <= 5; i++) {
    members[`cifar-10-batches-bin/data_batch_${i}.bin`] = cifarRecords([[i], [i + 1]], pixel);
  }
  members["cifar-10-batches-bin/test_batch.bin"] = cifarRecords(
    [[0], [5], [9]],
    (n, c, y, x) => pixel(n + 10, c, y, x),
  );
  members["cifar-10-batches-bin/batches.meta.txt"] = new TextEncoder().encode(
    "plane\ncar\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n",
  );
  const archive = gzip(tarArchive(members));
  const md5 = createHash("md5").update(archive).digest("hex");
  const spec = { ...CIFAR10_SPEC, archive: { ...CIFAR10_SPEC.archive, size: archive.length, md5 } };
  return { archive, spec };
}

Deno.test("loadCifarDataset() downloads a binary tar.gz, verifies it and parses both splits", async () => {
  const { archive, spec } = tinyCifar10();
  const server = serveFiles({ "cifar-10-binary.tar.gz": archive });
  const cacheDir = await Deno.makeTempDir();
  try {
    const events: DatasetEvent[] = [];
    const data = await loadCifarDataset(
      { ...spec, archive: { ...spec.archive, urls: [`${server.url}cifar-10-binary.tar.gz`] } },
      { cacheDir, onEvent: (e) => events.push(e) },
    );
    assert.equal(data.name, "cifar10");
    assert.deepEqual([data.train.count, data.test.count], [10, 3]);
    assert.deepEqual([...data.train.labels], [1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    assert.deepEqual([...data.test.labels], [0, 5, 9]);
    // Training record 9 is the second record of batch 5 (n = 1 inside its file).
    assert.deepEqual(
      [0, 1, 2].map((c) => at(data.train.images, 9, 12, 20, c)),
      [0, 1, 2].map((c) => pixel(1, c, 12, 20)),
    );
    assert.equal(at(data.test.images, 2, 31, 0, 1), pixel(12, 1, 31, 0));
    assert.deepEqual(data.classNames.slice(0, 2), ["plane", "car"]);
    assert.deepEqual(data.normalization, CIFAR10_SPEC.normalization);
    assert.deepEqual(await Deno.readFile(`${cacheDir}/cifar10/cifar-10-binary.tar.gz`), archive);
    assert.ok(events.some((e) => e.type === "source" && e.source === "download cache"));

    // Offline, the cached archive is enough.
    const again = await loadCifarDataset(spec, { cacheDir, offline: true });
    assert.deepEqual(again.train.images, data.train.images);
  } finally {
    await server.close();
  }
});

Deno.test("loadCifarDataset() reads a data folder holding the archive or its extracted files", async () => {
  const { archive, spec } = tinyCifar10();
  const dir = await Deno.makeTempDir();
  await Deno.writeFile(`${dir}/cifar-10-binary.tar.gz`, archive);
  const fromArchive = await loadCifarDataset(spec, { dataDir: dir, offline: true, cacheDir: `${dir}/none` });
  assert.equal(fromArchive.train.count, 10);

  const extracted = await Deno.makeTempDir();
  for (const name of [...spec.trainMembers, ...spec.testMembers]) {
    const bytes = cifarRecords(name.includes("test") ? [[1]] : [[2], [3]], pixel);
    await Deno.writeFile(`${extracted}/${name.split("/").at(-1)}`, bytes);
  }
  const fromFiles = await loadCifarDataset(spec, {
    dataDir: extracted,
    offline: true,
    cacheDir: `${dir}/none`,
  });
  assert.deepEqual([fromFiles.train.count, fromFiles.test.count], [10, 1]);
  assert.deepEqual(fromFiles.classNames, CIFAR10_SPEC.classNames);
});

Deno.test("loadCifarDataset() offline without the archive says what to download and where to put it", async () => {
  const cacheDir = await Deno.makeTempDir();
  const error = await loadCifarDataset(CIFAR10_SPEC, { cacheDir, offline: true }).catch((e) => e);
  assert.ok(error instanceof MissingFileError);
  assert.equal(error.path, `${cacheDir}/cifar10/cifar-10-binary.tar.gz`);
  assert.match(error.message, /https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar-10-binary\.tar\.gz/);
  assert.match(error.message, /or run without --offline/);
});
