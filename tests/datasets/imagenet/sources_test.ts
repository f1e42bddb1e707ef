import assert from "node:assert/strict";
import { join } from "node:path";
import { imageListChecksum } from "../../../datasets/imagenet/image_list.ts";
import { findTrainImages, findValidationImages } from "../../../datasets/imagenet/sources.ts";
import { writeImagenet } from "../_imagenet_files.ts";

Deno.test("findTrainImages() and findValidationImages() list the same images from the archives and the folders", async () => {
  const archives = await Deno.makeTempDir();
  const folders = await Deno.makeTempDir();
  const byClass = await Deno.makeTempDir();
  const tiny = await writeImagenet(archives, { layout: "archives" });
  await writeImagenet(folders, { layout: "folders" });
  await writeImagenet(byClass, { layout: "folders", valLayout: "classes" });
  const trains = await Promise.all([archives, folders].map((dir) => findTrainImages(dir)));
  assert.deepEqual(trains[0].wnids, tiny.wnids);
  assert.deepEqual(trains[1].wnids, tiny.wnids);
  assert.equal(trains[0].list.images.length, 3 * 4);
  assert.deepEqual(trains[0].list.images.slice(0, 2).map((i) => [i.name, i.label]), [
    ["n01440764/n01440764_100.JPEG", 0],
    ["n01440764/n01440764_101.JPEG", 0],
  ]);
  assert.equal(trains[0].list.archive, join(archives, "ILSVRC2012_img_train.tar"));
  assert.equal(imageListChecksum(trains[0].list), imageListChecksum(trains[1].list));
  const vals = await Promise.all(
    [archives, folders, byClass].map((dir) => findValidationImages(dir, tiny.wnids)),
  );
  for (const val of vals) {
    assert.deepEqual(val.list.images.map((i) => i.label), tiny.valLabels);
    assert.equal(imageListChecksum(val.list), imageListChecksum(vals[0].list));
  }
  assert.equal(vals[0].words?.get("n02119789"), "words of n02119789, synonym");
  assert.equal(vals[2].words, undefined);
});

Deno.test("findValidationImages() labels a flat val/ folder from val_labels.txt or Kaggle's LOC_val_solution.csv", async () => {
  const dir = await Deno.makeTempDir();
  const tiny = await writeImagenet(dir, { layout: "folders", valCount: 2 });
  await Deno.remove(join(dir, "ILSVRC2012_devkit_t12"), { recursive: true });
  const names = ["ILSVRC2012_val_00000001", "ILSVRC2012_val_00000002"];
  await Deno.writeTextFile(
    join(dir, "LOC_val_solution.csv"),
    `ImageId,PredictionString\n${names[1]},${tiny.wnids[2]} 1 2 3 4\n${names[0]},${tiny.wnids[0]} 5 6 7 8 ${
      tiny.wnids[0]
    } 1 1 2 2\n`,
  );
  assert.deepEqual((await findValidationImages(dir, tiny.wnids)).list.images.map((i) => i.label), [0, 2]);
  await Deno.writeTextFile(
    join(dir, "val_labels.txt"),
    `${names[0]}.JPEG ${tiny.wnids[1]}\n${names[1]}.JPEG\t${tiny.wnids[1]}\n`,
  );
  assert.deepEqual((await findValidationImages(dir, tiny.wnids)).list.images.map((i) => i.label), [1, 1]);
  await Deno.writeTextFile(
    join(dir, "val_labels.txt"),
    `${names[0]}.JPEG n99999999\n${names[1]}.JPEG ${tiny.wnids[1]}\n`,
  );
  await assert.rejects(
    findValidationImages(dir, tiny.wnids),
    /labels validation image "ILSVRC2012_val_00000001\.JPEG" with n99999999, which is not one of the 3 training classes/,
  );
  await Deno.writeTextFile(join(dir, "val_labels.txt"), `${names[0]}.JPEG ${tiny.wnids[1]}\n`);
  await assert.rejects(
    findValidationImages(dir, tiny.wnids),
    /val_labels\.txt": has no label for validation image "ILSVRC2012_val_00000002\.JPEG"/,
  );
});

Deno.test("findTrainImages() and findValidationImages() say exactly what they expect where when files are missing", async () => {
  const dir = await Deno.makeTempDir();
  await assert.rejects(findTrainImages(dir), (e: Error) => {
    assert.ok(e.message.includes(`ImageNet training images not found in "${dir}"`), e.message);
    assert.ok(e.message.includes(`the archive "${join(dir, "ILSVRC2012_img_train.tar")}"`), e.message);
    assert.ok(e.message.includes(`${join(dir, "train")}/n01440764/*.JPEG`), e.message);
    assert.ok(e.message.includes("--data-dir"), e.message);
    return true;
  });
  await assert.rejects(findValidationImages(dir, ["n01440764"]), (e: Error) => {
    assert.ok(
      e.message.includes(`the archive "${join(dir, "ILSVRC2012_img_val.tar")}" (50000 JPEGs)`),
      e.message,
    );
    return true;
  });
  await Deno.mkdir(join(dir, "train", "n01440764"), { recursive: true });
  await assert.rejects(findTrainImages(dir), /\.\.\.\); its class folders hold no image\. /);
  const tiny = await writeImagenet(dir, { layout: "folders", valCount: 2 });
  await Deno.remove(join(dir, "ILSVRC2012_devkit_t12"), { recursive: true });
  await assert.rejects(findValidationImages(dir, tiny.wnids), (e: Error) => {
    assert.match(
      e.message,
      /ImageNet validation labels not found: ".*val" holds 2 images without class folders/,
    );
    assert.ok(e.message.includes(join(dir, "ILSVRC2012_devkit_t12.tar.gz")), e.message);
    assert.ok(e.message.includes(join(dir, "val_labels.txt")), e.message);
    assert.ok(e.message.includes(join(dir, "LOC_val_solution.csv")), e.message);
    return true;
  });
});
