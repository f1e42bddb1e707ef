import assert from "node:assert/strict";
import { DATASET_NAMES, isDatasetName, loadDataset } from "../../datasets/load_dataset.ts";
import { MissingFileError } from "../../datasets/dataset_errors.ts";

Deno.test("loadDataset() rejects an unknown name and lists the allowed ones", async () => {
  await assert.rejects(
    loadDataset("imagenet2", { offline: true }),
    /Unknown dataset "imagenet2": expected one of mnist, fashion-mnist, cifar10, cifar100, imagenet/,
  );
  assert.deepEqual(DATASET_NAMES, ["mnist", "fashion-mnist", "cifar10", "cifar100", "imagenet"]);
  assert.ok(isDatasetName("cifar100") && !isDatasetName("toString"));
});

Deno.test("loadDataset() routes each name to its loader (offline, empty cache)", async () => {
  const cacheDir = await Deno.makeTempDir();
  for (
    const [name, file] of [["cifar10", "cifar-10-binary.tar.gz"], ["cifar100", "cifar-100-binary.tar.gz"]]
  ) {
    const error = await loadDataset(name, { cacheDir, offline: true }).catch((e) => e);
    assert.ok(error instanceof MissingFileError, String(error));
    assert.equal(error.path, `${cacheDir}/${name}/${file}`);
  }
});
