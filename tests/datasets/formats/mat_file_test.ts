import assert from "node:assert/strict";
import { DatasetFormatError } from "../../../datasets/dataset_errors.ts";
import { type MatStruct, readMatVariable } from "../../../datasets/formats/mat_file.ts";
import { matFile } from "../_imagenet_files.ts";

// Written by SciPy 1.17 (an independent MAT-file writer), shaped like the devkit's meta.mat:
//   arr = np.empty((4, 1), dtype=[(f, "O") for f in ("ILSVRC2012_ID", "WNID", "words", "gloss", "num_children",
//     "children", "wordnet_height", "num_train_images")])   # rows as in EXPECTED below, children of row 4: [[1, 2, 3]]
//   scipy.io.savemat("plain.mat", {"synsets": arr}, do_compression=False)   # and do_compression=True for "zlib"
const fixture = (name: string) => new URL(`./fixtures/imagenet_meta_scipy_${name}.mat`, import.meta.url);
const EXPECTED = [
  {
    ILSVRC2012_ID: [1],
    WNID: "n02119789",
    words: "kit fox, Vulpes macrotis",
    num_children: [0],
    children: [],
  },
  { ILSVRC2012_ID: [2], WNID: "n02100735", words: "English setter", num_children: [0], children: [] },
  { ILSVRC2012_ID: [3], WNID: "n01440764", words: "tench, Tinca tinca", num_children: [0], children: [] },
  { ILSVRC2012_ID: [4], WNID: "n00001740", words: "entity", num_children: [3], children: [1, 2, 3] },
];

for (const kind of ["plain", "zlib"]) {
  Deno.test(`readMatVariable() reads SciPy's ${kind} struct array like meta.mat`, async () => {
    const synsets = readMatVariable(await Deno.readFile(fixture(kind)), kind, "synsets") as MatStruct;
    assert.deepEqual(synsets.fieldNames.slice(0, 5), [
      "ILSVRC2012_ID",
      "WNID",
      "words",
      "gloss",
      "num_children",
    ]);
    assert.equal(synsets.records.length, 4);
    synsets.records.forEach((record, i) => {
      for (const [field, value] of Object.entries(EXPECTED[i])) assert.deepEqual(record[field], value, field);
    });
    assert.deepEqual(synsets.records[0].num_train_images, [1300]);
  });
}

Deno.test("readMatVariable() reads doubles stored as uint8/uint16 and UTF-16 chars, as MATLAB writes them", () => {
  const records = [
    { ILSVRC2012_ID: 7, WNID: "n01440764", num_train_images: 1300, children: null },
    { ILSVRC2012_ID: 1000, WNID: "n15075141", num_train_images: 0, children: null },
  ];
  for (const compress of [false, true]) {
    const value = readMatVariable(matFile("synsets", records, compress), "m.mat", "synsets") as MatStruct;
    assert.deepEqual(value.records.map((r) => [r.ILSVRC2012_ID, r.WNID, r.num_train_images, r.children]), [
      [[7], "n01440764", [1300], []],
      [[1000], "n15075141", [0], []],
    ]);
  }
});

Deno.test("readMatVariable() names the file and the variables it found when one is missing or the file is not a MAT-file", () => {
  const bytes = matFile("other", [{ a: 1 }]);
  assert.throws(
    () => readMatVariable(bytes, "data/meta.mat", "synsets"),
    (e) =>
      e instanceof DatasetFormatError &&
      /"data\/meta\.mat": has no variable "synsets" \(found: other\)/.test(e.message),
  );
  assert.throws(
    () => readMatVariable(new Uint8Array(200), "x.mat", "synsets"),
    /"x\.mat": not a level-5 MAT-file/,
  );
});
