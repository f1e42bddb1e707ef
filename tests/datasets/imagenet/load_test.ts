import assert from "node:assert/strict";
import { join } from "node:path";
import type { DatasetEvent } from "../../../datasets/dataset_events.ts";
import { loadImagenet } from "../../../datasets/imagenet/imagenet.ts";
import { loadDataset } from "../../../datasets/load_dataset.ts";
import type { LabeledImages } from "../../../lib/config/labeled_images.ts";
import { imageColour, writeImagenet } from "../_imagenet_files.ts";

/** Checks each image has the solid colour of its label and split; returns the green values (image identity). */
function checkColours(set: LabeledImages, split: "train" | "val"): number[] {
  const pixels = set.height * set.width * 3;
  const greens: number[] = [];
  for (let i = 0; i < set.count; i++) {
    const image = set.images.subarray(i * pixels, (i + 1) * pixels);
    const [r, g, b] = image;
    const expected = imageColour(set.labels[i], 0, split);
    assert.ok(Math.abs(r - expected[0]) <= 6 && Math.abs(b - expected[2]) <= 6, `image ${i}: ${r},${g},${b}`);
    for (let p = 0; p < pixels; p++) {
      assert.ok(Math.abs(image[p] - image[p % 3]) <= 6, `image ${i} is not solid`);
    }
    greens.push(g);
  }
  return greens;
}

Deno.test("loadImagenet() builds the cache from the official archives and labels every image by sorted wnid", async () => {
  const dataDir = await Deno.makeTempDir();
  const cacheDir = await Deno.makeTempDir();
  const tiny = await writeImagenet(dataDir, { layout: "archives" });
  const events: DatasetEvent[] = [];
  const data = await loadImagenet({ dataDir, cacheDir, imageSize: 12, onEvent: (e) => events.push(e) });
  assert.equal(data.name, "imagenet");
  assert.deepEqual([data.train.count, data.train.height, data.train.width, data.train.channels], [
    12,
    12,
    12,
    3,
  ]);
  assert.equal(data.train.numClasses, 3);
  assert.ok(data.train.labels instanceof Uint16Array);
  assert.deepEqual(data.classNames, ["tench", "goldfish", "kit fox"]);
  checkColours(data.train, "train");
  checkColours(data.test, "val");
  assert.deepEqual([...data.test.labels].sort(), [...tiny.valLabels].sort());
  // The order is shuffled, so that a prefix (config limit) holds every class.
  assert.notDeepEqual([...data.train.labels], [...data.train.labels].sort());
  assert.equal(new Set(data.train.labels.subarray(0, 6)).size, 3);
  assert.deepEqual(
    events.filter((e) => e.type === "cache-done").map((e) => e.type === "cache-done" && e.split),
    [
      "train",
      "val",
    ],
  );
});

Deno.test("loadImagenet() gives the same data from extracted folders, and reuses a complete cache without the files", async () => {
  const archives = await Deno.makeTempDir();
  const folders = await Deno.makeTempDir();
  await writeImagenet(archives, { layout: "archives" });
  await writeImagenet(folders, { layout: "folders", valLayout: "classes" });
  const [cacheA, cacheB] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  const a = await loadImagenet({ dataDir: archives, cacheDir: cacheA, imageSize: 8 });
  const b = await loadImagenet({ dataDir: folders, cacheDir: cacheB, imageSize: 8 });
  assert.deepEqual(b.train.labels, a.train.labels);
  assert.deepEqual(b.test.labels, a.test.labels);
  for (const split of ["train", "test"] as const) {
    const diff = a[split].images.reduce((m, v, i) => Math.max(m, Math.abs(v - b[split].images[i])), 0);
    assert.ok(diff <= 2, `${split} differs by ${diff}`);
  }
  // Without dataDir, or from the same dataDir, the complete cache is used: nothing is decoded.
  const events: DatasetEvent[] = [];
  await Deno.remove(join(archives, "ILSVRC2012_img_train.tar"));
  const again = await loadDataset("imagenet", {
    cacheDir: cacheA,
    imageSize: 8,
    onEvent: (e) => events.push(e),
  });
  await loadImagenet({ dataDir: archives, cacheDir: cacheA, imageSize: 8, onEvent: (e) => events.push(e) });
  assert.deepEqual(again.train.images, a.train.images);
  assert.equal(events.filter((e) => e.type.startsWith("cache-")).length, 0);
  // The same images in another folder match the cache's checksum: no rebuild either.
  await loadImagenet({ dataDir: folders, cacheDir: cacheA, imageSize: 8, onEvent: (e) => events.push(e) });
  assert.equal(events.filter((e) => e.type.startsWith("cache-")).length, 0);
});

Deno.test("loadImagenet() without files or cache says what to pass, and rejects bad sizes", async () => {
  const cacheDir = await Deno.makeTempDir();
  await assert.rejects(
    loadImagenet({ cacheDir, imageSize: 32 }),
    (e: Error) =>
      e.message.startsWith(
        `No complete 32px ImageNet cache for train and val in "${cacheDir}/imagenet/32px"`,
      ) &&
      e.message.includes("pass --data-dir"),
  );
  await assert.rejects(
    loadImagenet({ cacheDir: await Deno.makeTempDir(), dataDir: cacheDir }),
    /ImageNet training images not found/,
  );
  await assert.rejects(loadImagenet({ cacheDir, imageSize: 4 }), /whole number of pixels in 8\.\.512, got 4/);
});
