import assert from "node:assert/strict";
import { join } from "node:path";
import type { DatasetEvent } from "../../../datasets/dataset_events.ts";
import { cachePaths, loadCache, readCacheHeader } from "../../../datasets/imagenet/cache.ts";
import { buildCache } from "../../../datasets/imagenet/cache_build.ts";
import { imageDecoder } from "../../../datasets/imagenet/decode.ts";
import { findTrainImages } from "../../../datasets/imagenet/sources.ts";
import { imageColour, writeImagenet } from "../_imagenet_files.ts";

const SIZE = 8;
const PIXELS = SIZE * SIZE * 3;

async function setup(perClass = 4) {
  const dataDir = await Deno.makeTempDir();
  const cacheRoot = await Deno.makeTempDir();
  await writeImagenet(dataDir, { layout: "archives", perClass });
  const train = await findTrainImages(dataDir);
  const events: DatasetEvent[] = [];
  const options = {
    cacheRoot,
    list: train.list,
    imageSize: SIZE,
    dataDir,
    wnids: train.wnids,
    classNames: train.wnids,
    chunkImages: 3,
    concurrency: 2,
    onEvent: (e: DatasetEvent) => events.push(e),
  };
  return { dataDir, cacheRoot, train, events, options };
}

/** Checks every stored image has the colour of its class and index (file order: class, then image). */
function assertColours(images: Uint8Array, labels: ArrayLike<number>, perClass: number) {
  for (let i = 0; i < labels.length; i++) {
    const label = Math.floor(i / perClass);
    assert.equal(labels[i], label);
    const colour = imageColour(label, i % perClass, "train");
    const image = images.subarray(i * PIXELS, (i + 1) * PIXELS);
    for (let p = 0; p < PIXELS; p++) {
      assert.ok(
        Math.abs(image[p] - colour[p % 3]) <= 6,
        `image ${i} byte ${p}: ${image[p]} vs ${colour[p % 3]}`,
      );
    }
  }
}

Deno.test("buildCache() packs decoded squares and labels, and readCacheHeader() finds them complete", async () => {
  const { cacheRoot, events, options } = await setup();
  const header = await buildCache(options);
  assert.equal(header.count, 12);
  assert.deepEqual(await readCacheHeader(cacheRoot, "train", SIZE), header);
  assert.equal(await readCacheHeader(cacheRoot, "train", 16), undefined);
  const loaded = await loadCache(cacheRoot, header);
  assertColours(loaded.images, loaded.labels, 4);
  const progress = events.filter((e) => e.type === "cache-progress").map((e) =>
    e.type === "cache-progress" && e.done
  );
  assert.deepEqual(progress, [3, 6, 9, 12]);
  assert.equal(events.at(-1)?.type, "cache-done");
  // A permutation puts file image i at position order[i].
  const order = Uint32Array.from({ length: 12 }, (_, i) => 11 - i);
  const reversed = await loadCache(cacheRoot, header, order);
  assert.deepEqual(reversed.images.subarray(0, PIXELS), loaded.images.subarray(11 * PIXELS));
  assert.equal(reversed.labels[0], 2);
});

Deno.test("buildCache() interrupted mid-way leaves no complete cache and resumes at the last saved chunk", async () => {
  const { cacheRoot, events, options } = await setup();
  const controller = new AbortController();
  let decoded = 0;
  const decode = imageDecoder(SIZE);
  const slow = async (bytes: Uint8Array, name: string) => {
    if (++decoded === 5) controller.abort(new Error("stop"));
    return await decode(bytes, name);
  };
  await assert.rejects(buildCache({ ...options, decode: slow, signal: controller.signal }), /stop/);
  assert.equal(
    await readCacheHeader(cacheRoot, "train", SIZE),
    undefined,
    "a half-built cache is not complete",
  );
  const paths = cachePaths(cacheRoot, "train", SIZE);
  const saved = JSON.parse(await Deno.readTextFile(join(paths.partial, "progress.json")));
  assert.equal(saved.done, 3);
  // A crash while writing the next chunk leaves bytes past the saved progress: they must be dropped.
  await Deno.writeFile(join(paths.partial, "images.u8"), new Uint8Array(100).fill(7), { append: true });
  events.length = 0;
  decoded = 0;
  const counting = (bytes: Uint8Array, name: string) => (decoded++, decode(bytes, name));
  const header = await buildCache({ ...options, decode: counting });
  const start = events.find((e) => e.type === "cache-start");
  assert.equal(start?.type === "cache-start" && start.resumeFrom, 3);
  assert.equal(decoded, 9, "only the images after the saved chunk are decoded again");
  const loaded = await loadCache(cacheRoot, header);
  assertColours(loaded.images, loaded.labels, 4);
  await assert.rejects(Deno.stat(paths.partial), Deno.errors.NotFound);
});

Deno.test("buildCache() starts over when the interrupted build had other images", async () => {
  const { events, options } = await setup();
  const controller = new AbortController();
  const decode = imageDecoder(SIZE);
  let decoded = 0;
  const stopping = (bytes: Uint8Array, name: string) => {
    if (++decoded === 4) controller.abort(new Error("stop"));
    return decode(bytes, name);
  };
  await assert.rejects(buildCache({ ...options, decode: stopping, signal: controller.signal }), /stop/);
  const fewer = { ...options.list, images: options.list.images.slice(0, 10) };
  const header = await buildCache({ ...options, list: fewer });
  assert.equal(header.count, 10);
  const restart = events.find((e) => e.type === "cache-restart");
  assert.match(restart?.type === "cache-restart" ? restart.reason : "", /images or the size differ/);
});

Deno.test("readCacheHeader() refuses a cache whose files disagree with its header, saying to delete it", async () => {
  const { cacheRoot, options } = await setup(1);
  await buildCache(options);
  const paths = cachePaths(cacheRoot, "train", SIZE);
  await Deno.truncate(paths.images, PIXELS);
  await assert.rejects(readCacheHeader(cacheRoot, "train", SIZE), (e: Error) => {
    assert.ok(
      e.message.includes(`"${paths.images}": has ${PIXELS} bytes, the header promises ${3 * PIXELS}`),
      e.message,
    );
    assert.ok(e.message.includes(`delete the folder "${paths.dir}"`), e.message);
    return true;
  });
});
