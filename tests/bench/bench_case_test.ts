import assert from "node:assert/strict";
import { runCase } from "../../bench/bench_case.ts";
import { benchPlan } from "../../bench/bench_plan.ts";
import { renderBenchReport } from "../../bench/bench_report.ts";
import { type BenchRun, computeRatios, type PytorchRow, targetChecks } from "../../bench/bench_run.ts";
import type { CaseResult, CaseSpec } from "../../bench/case_types.ts";
import { pytorchMissing, type PytorchResult, runPytorch } from "../../bench/pytorch_reference.ts";

const spec: CaseSpec = {
  preset: "quick",
  backend: "wasm",
  threads: 1,
  threading: "workers",
  batchSize: 8,
  warmupSteps: 1,
  steps: 2,
  phaseSteps: 1,
  inferenceBatches: 1,
  bestBlock: -1,
  primitivePeak: true,
  sgemmSize: 64,
};

const torch = (trainRate: number, last: number): PytorchResult => ({
  torch: "test",
  threads: 1,
  batchSize: 8,
  train: { imagesPerSecond: trainRate, secondsPerStep: 8 / trainRate, steps: 2 },
  inference: { last, fusion: last, best: last },
  matmulPeakGflops: 100,
  peakRssBytes: 1e8,
  blas: {
    libraries: ["/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"],
    kind: "openblas",
    config: "OpenBLAS 0.3.21",
    coreName: "SkylakeX",
    threads: 1,
    coretypeEnv: null,
    l2SizeEnv: null,
  },
  onednn: "2.6.3",
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
  for (const b of c.phases!) {
    assert.ok(b.forwardMs > 0 && b.optimizerMs > 0 && b.localGradientMs > 0, JSON.stringify(b));
    // The weight-gradient phase is the local-gradient call less its forward pass: never more than the call,
    // and together with the forward at least the call (0 only where noise made the difference negative).
    assert.ok(b.weightGradientMs <= b.localGradientMs, JSON.stringify(b));
    assert.ok(b.weightGradientMs + b.forwardMs >= b.localGradientMs - 1e-9, JSON.stringify(b));
  }
  // Each block's share is clamped at 0 when noise makes it negative; some block's must show.
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
  assert.ok(c.peakRssBytes > 1e6);
  assert.ok(c.primitives !== undefined, "a case asked for the oneDNN reference must report it or why not");
  if ("unavailable" in c.primitives) {
    assert.match(c.primitives.unavailable, /oneDNN|libdnnl|onednn/i);
  } else {
    assert.equal(c.primitives.blocks.length, 3);
    assert.equal(c.primitives.batchSize, 8);
    assert.ok(c.primitives.gflops > 0 && c.primitives.blocks.every((b) => b.forwardMs > 0 && b.flops > 0));
  }
});

Deno.test("computeRatios() divides asge's images/s by PyTorch's per backend, refuses the reference BLAS", () => {
  const c = measured!;
  const rate = (c.train as { imagesPerSecond: number }).imagesPerSecond;
  const flops = c.trainingFlops.total;
  const reference = torch(rate, 1);
  const rows: PytorchRow[] = [
    {
      preset: "quick",
      threads: 1,
      trainingFlopsPerImage: flops,
      result: torch(rate / 2, c.inference!.last * 4),
    },
    { preset: "quick", threads: 2, trainingFlopsPerImage: flops, result: torch(rate, 1) },
    { preset: "quick", threads: 4, trainingFlopsPerImage: flops, result: { unavailable: "no torch" } },
    {
      preset: "quick",
      threads: 1,
      trainingFlopsPerImage: flops,
      result: {
        ...reference,
        blas: {
          ...reference.blas!,
          kind: "reference",
          libraries: ["/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"],
        },
      },
    },
  ];
  const ratios = computeRatios([c], rows);
  assert.equal(ratios.length, 2, "only rows with an asge case at the same threads get a ratio");
  assert.equal(ratios[0].backend, "wasm");
  assert.ok(Math.abs(ratios[0].train! - 2) < 1e-9 && Math.abs(ratios[0].inference.last! - 0.25) < 1e-9);
  assert.equal(ratios[1].train, null, "PyTorch on the reference BLAS is not compared");
  assert.match(ratios[1].note!, /reference BLAS.*libopenblas0-pthread/);
  const targets = targetChecks({ cases: [c], ratios });
  const train = targets.find((t) => t.what === "train quick 1 thr")!;
  assert.equal(train.met, true, "2x meets the 1.2x target");
  assert.equal(targets.find((t) => t.what === "last quick 1 thr")!.met, false, "0.25x is short of 1.2x");
  const ofPeak = targets.find((t) => t.what === "of peak quick 1 thr")!;
  assert.equal(ofPeak.met === null, "unavailable" in c.primitives!);
  const run: BenchRun = {
    date: "2026-01-01T00:00:00.000Z",
    options: {} as BenchRun["options"],
    machine: { cpu: "test CPU", cores: 2, deno: "2", loadStart: [0.1, 0.1, 0.1], loadEnd: null },
    probes: [],
    skipped: ["cpu: test"],
    cases: [c],
    pytorch: rows,
    ratios,
    targets,
  };
  const text = renderBenchReport(run);
  for (
    const want of [
      /load average 0\.10 0\.10 0\.10/,
      /quick\s+1\s+wasm\s+2x\s+0\.25x/,
      /OpenBLAS 0\.3\.21 \(kernel SkylakeX, 1 thread\); oneDNN 2\.6\.3/,
      /!!! WARNING: PyTorch multiplied matrices with the reference BLAS/,
      /train quick 1 thr\s+wasm\s+2x\s+1\.2x\s+met/,
      /SHORT/,
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
    assert.ok(result.blas !== undefined && result.blas.libraries.length > 0, JSON.stringify(result.blas));
    assert.match(result.config!, /PyTorch built with/);
    assert.equal(result.batchSize, 8);
    assert.ok(result.train.imagesPerSecond > 0 && result.inference.best > 0 && result.matmulPeakGflops! > 0);
  },
});

Deno.test("runCase() with 2 threads on wasm trains on the worker engine and infers on a pool of 2", async () => {
  const c = await runCase({ ...spec, threads: 2, phaseSteps: 0, inferenceBatches: 1, primitivePeak: false });
  if ("unavailable" in c.train) {
    assert.match(c.train.unavailable, /worker_step_engine\.ts/);
  } else {
    assert.ok(c.train.imagesPerSecond > 0, `${c.train.imagesPerSecond}`);
    assert.match(c.engine, /2 workers/);
  }
  assert.match(c.inferenceEngine!, /^2 inference threads/);
  assert.ok(c.inference!.best > 0, "inference ran on the pool");
  assert.equal(c.phases, undefined, "the phase split is timed only where training runs in this thread");
  assert.equal(c.primitives, undefined);
});
