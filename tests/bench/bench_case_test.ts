import assert from "node:assert/strict";
import { runCase } from "../../bench/bench_case.ts";
import { benchPlan } from "../../bench/bench_plan.ts";
import { renderBenchReport } from "../../bench/bench_report.ts";
import { type BenchRun, computeRatios, type PytorchRow } from "../../bench/bench_run.ts";
import type { CaseResult, CaseSpec } from "../../bench/case_types.ts";
import { pytorchMissing, type PytorchResult, runPytorch } from "../../bench/pytorch_reference.ts";

const spec: CaseSpec = {
  preset: "quick",
  backend: "wasm",
  threads: 1,
  batchSize: 8,
  warmupSteps: 1,
  steps: 2,
  phaseSteps: 1,
  inferenceBatches: 1,
  bestBlock: -1,
  matmulSize: 128,
};

const torch = (trainRate: number, last: number): PytorchResult => ({
  torch: "test",
  threads: 1,
  batchSize: 8,
  train: { imagesPerSecond: trainRate, secondsPerStep: 8 / trainRate, steps: 2 },
  inference: { last, fusion: last, best: last },
  matmulPeakGflops: 100,
  peakRssBytes: 1e8,
});

let measured: CaseResult | undefined;

Deno.test("runCase() measures training, inference per strategy, phases, kernels and memory of quick on wasm", async () => {
  measured = await runCase(spec);
  const c = measured;
  assert.ok(!("unavailable" in c.train), "one thread must always train");
  assert.ok(
    c.train.imagesPerSecond > 0 && Number.isFinite(c.train.imagesPerSecond),
    `${c.train.imagesPerSecond}`,
  );
  assert.equal(c.train.steps, 2);
  assert.equal(c.bestBlock, 1, "Best defaults to the middle of quick's three blocks");
  for (const s of ["last", "fusion", "best"] as const) {
    assert.ok(c.inference![s] > 0, `${s}: ${c.inference![s]}`);
  }
  assert.ok(c.inferenceFlops.best < c.inferenceFlops.last, "Best stops early: it must cost less than Last");
  assert.equal(c.phases!.length, 3);
  assert.equal(c.phases![2].nextMs, 0, "the last block has no path to a next block");
  assert.ok(
    c.phases!.every((b) => b.forwardMs > 0 && Number.isFinite(b.weightGradientMs) && b.optimizerMs > 0),
  );
  // Each block's share is clamped at 0 when noise makes it negative, so ">= 0" always held; some block's must show.
  assert.ok(c.phases!.some((b) => b.weightGradientMs > 0), "no block's weight gradient took any time");
  assert.ok(
    c.profile!.peakBytes > c.profile!.startBytes,
    "a step must hold more than the weights at its peak",
  );
  assert.ok(
    c.profile!.kernels.some((k) => k.name === "Conv2DBackpropFilter"),
    "the weight gradient kernel ran",
  );
  assert.ok(!c.profile!.kernels.some((k) => k.name.endsWith("__op")), "op scopes must not count as kernels");
  assert.ok(c.matmulPeakGflops! > 0 && c.peakRssBytes > 1e6);
});

Deno.test("computeRatios() divides asge's wasm images/s by PyTorch's, and says why one is missing", () => {
  const c = measured!;
  const rate = (c.train as { imagesPerSecond: number }).imagesPerSecond;
  const flops = c.trainingFlops.total;
  const rows: PytorchRow[] = [
    {
      preset: "quick",
      threads: 1,
      trainingFlopsPerImage: flops,
      result: torch(rate / 2, c.inference!.last * 4),
    },
    { preset: "quick", threads: 2, trainingFlopsPerImage: flops, result: torch(rate, 1) },
    { preset: "quick", threads: 4, trainingFlopsPerImage: flops, result: { unavailable: "no torch" } },
  ];
  const ratios = computeRatios([c], rows);
  assert.equal(ratios.length, 2, "a PyTorch row that did not run has no ratio");
  assert.ok(Math.abs(ratios[0].train! - 2) < 1e-9 && Math.abs(ratios[0].inference.last! - 0.25) < 1e-9);
  assert.equal(ratios[1].train, null);
  assert.match(ratios[1].note!, /not run on wasm with 2 threads/);
  const run: BenchRun = {
    date: "2026-01-01T00:00:00.000Z",
    options: {} as BenchRun["options"],
    machine: { cpu: "test CPU", cores: 2, deno: "2", loadStart: [0.1, 0.1, 0.1], loadEnd: null },
    probes: [],
    skipped: ["cpu: test"],
    cases: [c],
    pytorch: rows,
    ratios,
  };
  const text = renderBenchReport(run);
  for (
    const want of [
      /load average 0\.10 0\.10 0\.10/,
      /quick\s+1\s+2x\s+0\.25x/,
      /Where the time goes/,
      /weight grad/,
      /Conv2DBackpropFilter \d/,
      /cpu: test/,
    ]
  ) {
    assert.match(text, want);
  }
});

const missing = await pytorchMissing();
Deno.test({
  name: `runPytorch() trains and predicts with the same plan in PyTorch${
    missing ? `: skipped, ${missing}` : ""
  }`,
  ignore: missing !== null,
  async fn() {
    const { plan } = benchPlan("quick", 8);
    const result = await runPytorch(plan, {
      threads: 1,
      batchSize: 8,
      warmupSteps: 1,
      steps: 1,
      inferenceBatches: 1,
      bestBlock: -1,
      matmulSize: 256,
      reduction: "sum",
    });
    assert.equal(result.threads, 1);
    assert.equal(result.batchSize, 8);
    assert.ok(result.train.imagesPerSecond > 0 && result.inference.best > 0 && result.matmulPeakGflops! > 0);
  },
});

Deno.test("runCase() with 2 threads trains through the worker engine, or says it is not available", async () => {
  const c = await runCase({ ...spec, threads: 2, phaseSteps: 0, inferenceBatches: 0, matmulSize: 0 });
  if ("unavailable" in c.train) {
    assert.match(c.train.unavailable, /worker_step_engine\.ts/);
  } else {
    assert.ok(c.train.imagesPerSecond > 0, `${c.train.imagesPerSecond}`);
    assert.match(c.engine, /2 workers/);
  }
  assert.equal(c.inference, undefined, "inference runs on one thread: not measured with 2");
  assert.equal(c.phases, undefined);
});
