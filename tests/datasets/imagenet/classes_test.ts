import assert from "node:assert/strict";
import {
  IMAGENET_CLASS_NAMES,
  IMAGENET_WNIDS,
  imagenetClassName,
} from "../../../datasets/imagenet/classes.ts";

Deno.test("IMAGENET_WNIDS lists the 1000 ILSVRC-2012 classes once each, in sorted (standard class) order", () => {
  assert.equal(IMAGENET_WNIDS.length, 1000);
  assert.equal(new Set(IMAGENET_WNIDS).size, 1000);
  assert.deepEqual([...IMAGENET_WNIDS].sort(), IMAGENET_WNIDS);
  for (const wnid of IMAGENET_WNIDS) assert.match(wnid, /^n\d{8}$/);
  // Well-known indices of the standard order.
  const known: [number, string, string][] = [
    [0, "n01440764", "tench"],
    [1, "n01443537", "goldfish"],
    [207, "n02099601", "Golden Retriever"],
    [281, "n02123045", "tabby cat"],
    [409, "n02708093", "analog clock"],
    [508, "n03085013", "computer keyboard"],
    [817, "n04285008", "sports car"],
    [954, "n07753592", "banana"],
    [999, "n15075141", "toilet paper"],
  ];
  for (const [index, wnid, name] of known) {
    assert.equal(IMAGENET_WNIDS[index], wnid);
    assert.equal(IMAGENET_CLASS_NAMES[index], name);
  }
});

Deno.test("imagenetClassName() gives unique short names and undefined for other ids", () => {
  assert.equal(new Set(IMAGENET_CLASS_NAMES).size, 1000);
  assert.equal(imagenetClassName("n02012849"), "crane (bird)");
  assert.equal(imagenetClassName("n03126707"), "crane (machine)");
  assert.equal(imagenetClassName("n00000000"), undefined);
});
