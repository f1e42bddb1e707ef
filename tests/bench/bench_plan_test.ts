import assert from "node:assert/strict";
import { type BenchOptions, BenchUsageError, parseBenchArgs } from "../../bench/bench_args.ts";
import { benchPlan } from "../../bench/bench_plan.ts";
import { planCases } from "../../bench/case_plan.ts";
import { trainingFlops } from "../../bench/training_flops.ts";
import type { BackendProbe } from "../../lib/backend/backends.ts";

const options = (args: string[]) => parseBenchArgs(args) as BenchOptions;
const probes = (cpuAdapter: boolean): BackendProbe[] => [
  { name: "tensorflow", available: false, reason: "not installed" },
  {
    name: "webgpu",
    available: true,
    reason: cpuAdapter ? "adapter llvmpipe (a CPU adapter, slower)" : "a GPU",
  },
  { name: "onednn", available: true, reason: "oneDNN 2.6.3" },
  { name: "wasm", available: true, reason: "XNNPACK" },
  { name: "cpu", available: true, reason: "plain JavaScript" },
];

Deno.test("parseBenchArgs() rejects unknown presets, backends and bad numbers with the flag's name", () => {
  assert.throws(
    () => parseBenchArgs(["--presets", "tiny"]),
    (e: Error) => e instanceof BenchUsageError && /tiny/.test(e.message),
  );
  assert.throws(() => parseBenchArgs(["--backends", "cuda"]), /--backends: unknown backend "cuda"/);
  assert.throws(() => parseBenchArgs(["--steps", "0"]), /--steps must be a whole number >= 1, got "0"/);
  assert.throws(() => parseBenchArgs(["--threads", "1,x"]), /--threads/);
  assert.throws(() => parseBenchArgs(["--bogus"]), BenchUsageError);
  assert.equal(parseBenchArgs(["--help"]), "help");
  assert.deepEqual(options(["--threads", "1,2,4"]).threads, [1, 2, 4]);
});

Deno.test("planCases() runs threads > 1 on onednn and wasm, slow backends on quick only, one peak per preset and thread count", () => {
  const plan = planCases(options([]), probes(true));
  const keys = plan.cases.map((c) => `${c.preset}/${c.backend}/${c.threads}`);
  assert.deepEqual(keys, [
    "quick/onednn/1",
    "quick/onednn/2",
    "quick/wasm/1",
    "quick/wasm/2",
    "quick/webgpu/1",
    "quick/cpu/1",
    "vgg-grey/onednn/1",
    "vgg-grey/onednn/2",
    "vgg-grey/wasm/1",
    "vgg-grey/wasm/2",
    "vgg-colour/onednn/1",
    "vgg-colour/onednn/2",
    "vgg-colour/wasm/1",
    "vgg-colour/wasm/2",
  ]);
  assert.deepEqual(
    plan.cases.filter((c) => c.primitivePeak).map((c) => `${c.preset}/${c.backend}/${c.threads}`),
    [
      "quick/onednn/1",
      "quick/onednn/2",
      "vgg-grey/onednn/1",
      "vgg-grey/onednn/2",
      "vgg-colour/onednn/1",
      "vgg-colour/onednn/2",
    ],
  );
  assert.deepEqual(
    plan.cases.filter((c) => c.preset === "quick").map((c) => c.threading),
    ["library", "library", "workers", "workers", "workers", "workers"],
  );
  const workers = planCases(options(["--onednn-workers", "--no-peak"]), probes(true));
  assert.ok(workers.cases.every((c) => c.threading === "workers" && !c.primitivePeak));
  const cpu = plan.cases.find((c) => c.backend === "cpu")!;
  assert.deepEqual([cpu.batchSize, cpu.steps, cpu.phaseSteps], [4, 1, 0]);
  assert.ok(plan.skipped.some((s) => /^webgpu on presets other than quick: a CPU adapter/.test(s)));
  assert.ok(plan.skipped.some((s) => /^cpu with more than 1 thread/.test(s)));
});

Deno.test("planCases() runs webgpu on every preset on a GPU, and skips unavailable backends with the reason", () => {
  const gpu = planCases(options([]), probes(false));
  assert.equal(gpu.cases.filter((c) => c.backend === "webgpu").length, 3);
  const missing = planCases(options(["--backends", "tensorflow,wasm", "--presets", "quick"]), probes(false));
  assert.deepEqual(missing.cases.map((c) => c.backend), ["wasm", "wasm"]);
  assert.deepEqual(
    missing.cases.map((c) => c.primitivePeak),
    [true, true],
    "wasm carries the reference alone",
  );
  assert.deepEqual(missing.skipped, ["tensorflow: not available (not installed)"]);
});

Deno.test("trainingFlops() counts the conv weight gradient as much as the conv, for every preset", () => {
  for (const preset of ["quick", "vgg-grey", "vgg-colour"]) {
    const { plan } = benchPlan(preset, 8);
    const flops = trainingFlops(plan);
    let conv = 0;
    for (const b of plan.blocks) {
      conv += 2 * b.kernelSize ** 2 * b.inputShape[2] * b.channels * b.inputShape[0] * b.inputShape[1];
    }
    assert.ok(
      flops.forward > conv && flops.forward < 1.1 * conv,
      `${preset}: forward ${flops.forward}, convs ${conv}`,
    );
    assert.ok(
      flops.weightGradient > conv && flops.weightGradient < 1.1 * conv,
      `${preset}: ${flops.weightGradient}`,
    );
    assert.equal(flops.total, flops.forward + flops.weightGradient);
  }
  // vgg-grey: three 3x3 convs of 28*28*64*128, 14*14*128*256, 7*7*256*512 multiply-adds, each 115.6 MFLOP.
  const grey = trainingFlops(benchPlan("vgg-grey", 8).plan);
  assert.ok(Math.abs(grey.forward - 3 * 115.6e6) < 0.05 * grey.forward, `vgg-grey forward ${grey.forward}`);
});
