/**
 * CIFAR-100: 32x32 colour images in 100 fine classes (20 coarse superclasses, not used), 50000 training and
 * 10000 test images (Krizhevsky 2009).
 * @module
 */

import type { DatasetSplits } from "../../lib/config/labeled_images.ts";
import { type CifarSpec, loadCifarDataset } from "./cifar_dataset.ts";
import type { LoadDatasetOptions } from "../load_dataset_options.ts";

/** The 100 fine class names in label order, as in the archive's `fine_label_names.txt`. */
const FINE_NAMES = (
  "apple aquarium_fish baby bear beaver bed bee beetle bicycle bottle bowl boy bridge bus butterfly camel can " +
  "castle caterpillar cattle chair chimpanzee clock cloud cockroach couch crab crocodile cup dinosaur dolphin " +
  "elephant flatfish forest fox girl hamster house kangaroo keyboard lamp lawn_mower leopard lion lizard lobster " +
  "man maple_tree motorcycle mountain mouse mushroom oak_tree orange orchid otter palm_tree pear pickup_truck " +
  "pine_tree plain plate poppy porcupine possum rabbit raccoon ray road rocket rose sea seal shark shrew skunk " +
  "skyscraper snail snake spider squirrel streetcar sunflower sweet_pepper table tank telephone television tiger " +
  "tractor train trout tulip turtle wardrobe whale willow_tree wolf woman worm"
).split(" ");

/** CIFAR-100's binary archive (published size and md5), its members and record layout (coarse, fine label). */
export const CIFAR100_SPEC: CifarSpec = {
  name: "cifar100",
  archive: {
    fileName: "cifar-100-binary.tar.gz",
    urls: ["https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"],
    size: 168513733,
    md5: "03b5dce01913d631647c71ecec9e9cb8",
  },
  trainMembers: ["cifar-100-binary/train.bin"],
  testMembers: ["cifar-100-binary/test.bin"],
  classNamesMember: "cifar-100-binary/fine_label_names.txt",
  classNames: FINE_NAMES,
  labelBytes: 2,
  labelIndex: 1,
  numClasses: 100,
  // Mean and population std of each channel over the 50000 training images, the widely published values (not
  // re-derived here: the archive cannot be fetched on the machine this was written on).
  normalization: { mean: [0.5071, 0.4865, 0.4409], std: [0.2673, 0.2564, 0.2762] },
};

/**
 * Loads CIFAR-100 with its fine labels from `options.dataDir` (the archive or its extracted `.bin` files) or the
 * download cache.
 *
 * @param options Data folder, cache folder, offline/redownload switches, signal and event handler.
 * @returns The official 50000/10000 split, 32x32x3 RGB interleaved, 100 classes.
 * @example Load CIFAR-100 (downloads 169 MB the first time)
 * ```ts ignore
 * import assert from "node:assert/strict";
 * import { loadCifar100 } from "./cifar100.ts";
 * const cifar = await loadCifar100();
 * assert.equal(cifar.classNames.length, 100);
 * ```
 */
export function loadCifar100(options: LoadDatasetOptions = {}): Promise<DatasetSplits> {
  return loadCifarDataset(CIFAR100_SPEC, options);
}
