import assert from "node:assert/strict";
import { join } from "node:path";
import { DatasetFormatError } from "../../../datasets/dataset_errors.ts";
import { parseDevkit, readDevkit, validationFileName } from "../../../datasets/imagenet/devkit.ts";
import { matFile, TINY_DEVKIT_ORDER, writeImagenet } from "../_imagenet_files.ts";

const meta = (order: readonly string[]) =>
  matFile("synsets", [
    ...order.map((wnid, i) => ({
      ILSVRC2012_ID: i + 1,
      WNID: wnid,
      words: `${wnid} words, more`,
      num_children: 0,
    })),
    { ILSVRC2012_ID: order.length + 1, WNID: "n00001740", words: "entity", num_children: 3 },
  ]);

Deno.test("parseDevkit() maps ground-truth ids through meta.mat's order, not sorted-wnid order", () => {
  // The devkit numbers kit fox 1, tench 2, goldfish 3; sorted order would be tench, goldfish, kit fox.
  const devkit = parseDevkit("2\n1\n3\n1\n", meta(TINY_DEVKIT_ORDER), "devkit");
  assert.deepEqual(devkit.validationWnids, ["n01440764", "n02119789", "n01443537", "n02119789"]);
  assert.equal(devkit.words.get("n02119789"), "n02119789 words, more");
  assert.equal(devkit.words.has("n00001740"), false, "inner nodes are not classes");
});

Deno.test("parseDevkit() rejects an id that is not a leaf class, naming the line", () => {
  assert.throws(
    () => parseDevkit("1\n4\n", meta(TINY_DEVKIT_ORDER), "kit"),
    (e) =>
      e instanceof DatasetFormatError &&
      /ILSVRC2012_validation_ground_truth\.txt": line 2 holds "4", which is not the ILSVRC2012_ID of a leaf/
        .test(e.message),
  );
});

Deno.test("readDevkit() reads the devkit archive and the extracted folder alike, and nothing when absent", async () => {
  const archives = await Deno.makeTempDir();
  const folders = await Deno.makeTempDir();
  const tiny = await writeImagenet(archives, { layout: "archives", perClass: 1 });
  await writeImagenet(folders, { layout: "folders", perClass: 1 });
  const fromArchive = await readDevkit(archives);
  const fromFolder = await readDevkit(folders);
  const expected = tiny.valLabels.map((label) => tiny.wnids[label]);
  assert.deepEqual(fromArchive?.validationWnids, expected);
  assert.deepEqual(fromFolder?.validationWnids, expected);
  assert.equal(await readDevkit(await Deno.makeTempDir()), undefined);
  await Deno.remove(join(folders, "ILSVRC2012_devkit_t12", "data", "meta.mat"));
  await assert.rejects(readDevkit(folders), /meta\.mat": is missing from the extracted devkit; extract/);
});

Deno.test("validationFileName() numbers validation images from 1 with 8 digits", () => {
  assert.equal(validationFileName(0), "ILSVRC2012_val_00000001.JPEG");
  assert.equal(validationFileName(49999), "ILSVRC2012_val_00050000.JPEG");
});
