import assert from "node:assert/strict";
import { sampleImagesChart } from "../../lib/report/sample_images_chart.ts";
import { CLASS_NAMES, fakeImages } from "./_fixtures.ts";

Deno.test("sampleImagesChart() draws one RGB image per sample in a grid with label titles", () => {
  const images = fakeImages(10, 6, 3);
  const fig = sampleImagesChart({
    images,
    labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    height: 6,
    width: 6,
    channels: 3,
    classNames: CLASS_NAMES,
  });
  assert.equal(fig.data.length, 10);
  assert.ok(fig.data.every((t) => t.type === "image"));
  const z = fig.data[9].z as number[][][];
  assert.equal(z.length, 6);
  assert.deepEqual(z[5][5], Array.from(images.subarray(9 * 108 + 105, 9 * 108 + 108)));
  const titles = (fig.layout.annotations as { text: string }[]).map((a) => a.text);
  assert.equal(titles[1], "Trouser");
  // 10 images, 8 per row: 2 rows; the second row has 2 cells.
  assert.equal(fig.data[8].xaxis, "x9");
  assert.equal(fig.layout.xaxis11, undefined);
});

Deno.test("sampleImagesChart() marks wrong predictions in red and right ones with a check", () => {
  const fig = sampleImagesChart({
    images: fakeImages(2, 4, 1),
    labels: new Uint8Array([0, 1]),
    predictions: [0, 2],
    height: 4,
    width: 4,
    channels: 1,
    classNames: ["a<", "b", "c"],
  });
  const titles = (fig.layout.annotations as { text: string }[]).map((a) => a.text);
  assert.equal(titles[0], "a&lt; ✓");
  assert.match(titles[1], /color:#c62828">b → c</);
  const z = fig.data[0].z as number[][][];
  assert.equal(z[0][0][0], z[0][0][1]);
});

Deno.test("sampleImagesChart() shows at most maxImages and shrinks big images", () => {
  const fig = sampleImagesChart({
    images: new Uint8Array(3 * 128 * 128 * 3),
    labels: [0, 0, 0],
    height: 128,
    width: 128,
    channels: 3,
    classNames: ["x"],
    maxImages: 2,
  });
  assert.equal(fig.data.length, 2);
  assert.equal((fig.data[0].z as number[][][]).length, 64);
});

Deno.test("sampleImagesChart() rejects a buffer that is not whole images", () => {
  const input = { labels: [0], height: 2, width: 2, channels: 3, classNames: ["x"] };
  assert.throws(() => sampleImagesChart({ ...input, images: new Uint8Array(11) }), /not a whole number/);
  assert.throws(() => sampleImagesChart({ ...input, channels: 2, images: new Uint8Array(8) }), /channels 1/);
  assert.throws(() => sampleImagesChart({ ...input, images: new Uint8Array(24) }), /2 images but 1 labels/);
});
