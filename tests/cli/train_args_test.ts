import assert from "node:assert/strict";
import { defaultWorkers, parseTrainArgs } from "../../lib/cli/train_args.ts";
import { UsageError } from "../../lib/cli/usage_error.ts";

Deno.test("parseTrainArgs() turns flags into config overrides", () => {
  const request = parseTrainArgs([
    "--dataset",
    "mnist",
    "--epochs",
    "3",
    "--batch-size",
    "32",
    "--lr",
    "0.002",
    "--goodness",
    "mean",
    "--alpha",
    "0.5",
    "--workers",
    "2",
  ]);
  assert.notEqual(request, "help");
  if (request === "help") return;
  assert.equal(request.dataset, "mnist");
  assert.equal(request.preset, "quick");
  assert.equal(request.workers, 2);
  assert.equal(request.out, "runs/mnist-quick");
  assert.deepEqual(request.overrides, {
    dataset: "mnist",
    epochs: 3,
    batchSize: 32,
    optimizer: { learningRate: 0.002 },
    encoding: { alpha: 0.5, goodnessReduction: "mean" },
  });
});

Deno.test("parseTrainArgs() names the flag and the allowed values on bad input", () => {
  const cases: [string[], RegExp][] = [
    [
      ["--dataset", "svhn"],
      /--dataset must be one of mnist, fashion-mnist, cifar10, cifar100, imagenet, got "svhn"/,
    ],
    [["--epochs", "0"], /--epochs must be a whole number >= 1, got "0"/],
    [["--epochs", "two"], /--epochs must be a whole number/],
    [["--lr=-1"], /--lr must be a number > 0/],
    [["--backend", "cuda"], /--backend must be one of auto, onednn, wasm, webgpu, tensorflow, cpu/],
    [["--goodness", "max"], /--goodness must be one of sum, mean/],
    [["--preset", "huge"], /--preset must be one of quick/],
    [["--bogus"], /Unknown option '--bogus'; see --help/],
  ];
  for (const [args, message] of cases) {
    assert.throws(
      () => parseTrainArgs(args),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
    );
  }
});

Deno.test("defaultWorkers() uses one worker per core on wasm and cpu, one on onednn and the GPU backends", () => {
  assert.equal(defaultWorkers("wasm"), navigator.hardwareConcurrency);
  assert.equal(defaultWorkers("onednn"), 1, "onednn threads through OpenMP in one process");
  assert.equal(defaultWorkers("webgpu"), 1);
});
