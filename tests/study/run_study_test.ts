import assert from "node:assert/strict";
import type { StudyPlan } from "../../lib/config/study_plan.ts";
import type { StudyEvent } from "../../lib/study/study_events.ts";
import { runStudy } from "../../lib/study/run_study.ts";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";

const data = quadrantDataset(96);

/** A study on 8x8 bands: two cells that differ in learning rate, two seeds, one epoch. */
const STUDY: StudyPlan = {
  name: "tiny",
  question: "Does a higher rate help on bands?",
  preset: "quick",
  base: {
    blocks: [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
    batchSize: 16,
  },
  cells: [
    { name: "slow", overrides: { optimizer: { learningRate: 1e-4 } } },
    { name: "fast", overrides: { optimizer: { learningRate: 1e-2 } } },
  ],
  seeds: 2,
  budget: { epochs: 1, limit: 0 },
};

const options = (out: string, events: StudyEvent[], extra = {}) => ({
  study: STUDY,
  out,
  backend: "cpu",
  loadData: () => Promise.resolve(data),
  onEvent: (e: StudyEvent) => events.push(e),
  ...extra,
});

Deno.test("runStudy() runs every cell x seed as a run folder, tables mean and deviation, and skips finished runs", async () => {
  await useCpu();
  const out = await Deno.makeTempDir();
  try {
    const events: StudyEvent[] = [];
    const results = await runStudy(options(out, events));
    assert.deepEqual(events.filter((e) => e.type === "run-start").map((e) => `${e.cell}/${e.seed}`), [
      "slow/1",
      "fast/1",
      "slow/2",
      "fast/2",
    ]);
    assert.equal(results.finished, 4);
    for (const cell of ["slow", "fast"]) {
      for (const seed of [1, 2]) {
        const config = JSON.parse(await Deno.readTextFile(`${out}/${cell}/seed-${seed}/config.json`));
        assert.equal(config.seed, seed);
        await Deno.stat(`${out}/${cell}/seed-${seed}/summary.json`);
      }
    }
    const fast = results.cells.find((c) => c.cell === "fast")!;
    const accuracies = await Promise.all([1, 2].map(async (seed) => {
      const summary = JSON.parse(await Deno.readTextFile(`${out}/fast/seed-${seed}/summary.json`));
      return summary.strategies.find((s: { strategy: string }) => s.strategy === "best").testAccuracy;
    }));
    assert.ok(Math.abs(fast.strategies.best.mean - (accuracies[0] + accuracies[1]) / 2) < 1e-12);
    assert.ok(
      Math.abs(fast.strategies.best.sd - Math.abs(accuracies[0] - accuracies[1]) / Math.SQRT2) < 1e-12,
    );
    assert.equal(fast.blocks.length, 2);
    const markdown = await Deno.readTextFile(`${out}/results.md`);
    assert.match(markdown, /\| fast \| optimizer\.learningRate 0\.01 \| 2 \|/);
    const html = await Deno.readTextFile(`${out}/results.html`);
    assert.match(html, /data-traces="5"/);
    const json = JSON.parse(await Deno.readTextFile(`${out}/results.json`));
    assert.equal(json.cells.length, 2);

    const again: StudyEvent[] = [];
    const rerun = await runStudy(options(out, again));
    assert.equal(again.filter((e) => e.type === "run-start").length, 0);
    assert.equal(again.filter((e) => e.type === "run-skip").length, 4);
    assert.deepEqual(rerun.cells, results.cells);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("runStudy() continues an interrupted study: the stopped run resumes from its checkpoint", async () => {
  await useCpu();
  const out = await Deno.makeTempDir();
  try {
    const controller = new AbortController();
    const first: StudyEvent[] = [];
    // Stop during the second run's second epoch, after its first epoch's checkpoint.
    const stopping = options(out, first, {
      epochs: 2,
      signal: controller.signal,
      onEvent: (e: StudyEvent) => {
        first.push(e);
        if (e.type === "train" && e.index === 2 && e.event.type === "checkpoint") controller.abort();
      },
    });
    await assert.rejects(runStudy(stopping));
    const second: StudyEvent[] = [];
    const results = await runStudy(options(out, second, { epochs: 2 }));
    const starts = second.filter((e) => e.type === "run-start");
    assert.equal(second.filter((e) => e.type === "run-skip").length, 1);
    assert.equal(starts[0].cell, "fast");
    assert.equal(starts[0].type === "run-start" && starts[0].resumed, true);
    assert.equal(results.finished, 4);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("runStudy() copies a run with the same config from a sibling study instead of training it", async () => {
  await useCpu();
  const root = await Deno.makeTempDir();
  try {
    await runStudy(options(`${root}/first`, [], { seeds: 1, cells: ["slow"] }));
    const events: StudyEvent[] = [];
    await runStudy(options(`${root}/second`, events, { seeds: 1, reuseFrom: root }));
    assert.deepEqual(events.filter((e) => e.type === "run-skip").map((e) => e.cell), ["slow"]);
    assert.deepEqual(events.filter((e) => e.type === "run-start").map((e) => e.cell), ["fast"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
