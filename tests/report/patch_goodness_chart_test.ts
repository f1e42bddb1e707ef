import assert from "node:assert/strict";
import { patchGoodnessChart } from "../../lib/report/patch_goodness_chart.ts";
import { fakeImages, fakePatchMap } from "./_fixtures.ts";

Deno.test("patchGoodnessChart() draws each image beside one heat map per block", () => {
  const pixels = fakeImages(2, 8, 3);
  const images = [0, 1].map((i) => ({
    pixels: pixels.subarray(i * 192, (i + 1) * 192),
    height: 8,
    width: 8,
    channels: 3,
    label: `image ${i}`,
    blocks: [fakePatchMap(4, 1, 1, 10), fakePatchMap(2, 0, 1, 100)],
  }));
  const fig = patchGoodnessChart({ images });
  assert.deepEqual(fig.data.map((t) => t.type), [
    "image",
    "heatmap",
    "heatmap",
    "image",
    "heatmap",
    "heatmap",
  ]);
  const z = fig.data[0].z as number[][][];
  assert.equal(z.length, 8);
  assert.deepEqual(z[0][0], Array.from(pixels.subarray(0, 3)));
  assert.equal((fig.data[2].z as number[][]).length, 2);
  assert.equal(fig.data[2].zmax, 100);
  const titles = (fig.layout.annotations as { text: string }[]).map((a) => a.text);
  assert.deepEqual(titles.slice(0, 3), ["image 0", "Block 1 (P=4)", "Block 2 (P=2)"]);
});

Deno.test("patchGoodnessChart() replicates grey pixels to RGB and escapes labels", () => {
  const fig = patchGoodnessChart({
    images: [{
      pixels: new Uint8Array([7, 200, 30, 0]),
      height: 2,
      width: 2,
      channels: 1,
      label: "<b>x</b>",
      blocks: [[[1]]],
    }],
  });
  assert.deepEqual(fig.data[0].z, [[[7, 7, 7], [200, 200, 200]], [[30, 30, 30], [0, 0, 0]]]);
  assert.equal(fig.data[0].name, "&lt;b&gt;x&lt;/b&gt;");
});

Deno.test("patchGoodnessChart() rejects mismatched blocks and non-square maps", () => {
  const image = { pixels: new Uint8Array(4), height: 2, width: 2, channels: 1 };
  assert.throws(
    () =>
      patchGoodnessChart({ images: [{ ...image, blocks: [[[1]]] }, { ...image, blocks: [[[1]], [[1]]] }] }),
    /has 2 blocks, image 0 has 1/,
  );
  assert.throws(
    () => patchGoodnessChart({ images: [{ ...image, blocks: [[[1, 2]]] }] }),
    /not a square P x P/,
  );
  assert.throws(() => patchGoodnessChart({ images: [] }), /images is empty/);
});
