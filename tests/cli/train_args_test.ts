import assert from "node:assert/strict";
import { BACKEND_NAMES } from "../../lib/backend/backends.ts";
import { defaultWorkers, parseTrainArgs, TRAIN_FLAGS, TRAIN_USAGE } from "../../lib/cli/train_args.ts";
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
    preset: "quick",
    epochs: 3,
    batchSize: 32,
    optimizer: { learningRate: 0.002 },
    encoding: { alpha: 0.5, goodnessReduction: "mean" },
  });
});

Deno.test("parseTrainArgs() names the flag and what it accepts on bad input", () => {
  const cases: [string[], RegExp][] = [
    [
      ["--dataset", "svhn"],
      /^--dataset must be one of mnist, fashion-mnist, cifar10, cifar100, imagenet, got "svhn"$/,
    ],
    [["--epochs", "0"], /^--epochs must be a whole number >= 1, got "0"$/],
    [["--epochs", "-1"], /^--epochs must be a whole number >= 1, got "-1"$/],
    [["--epochs=-1"], /^--epochs must be a whole number >= 1, got "-1"$/],
    [["--epochs", "2.5"], /^--epochs must be a whole number >= 1, got "2.5"$/],
    [["--epochs", "two"], /^--epochs must be a whole number, got "two"$/],
    [["--alpha", "-2"], /^--alpha must be a number >= 0, got "-2"$/],
    [["--lr=-1"], /^--lr must be a number > 0, got "-1"$/],
    [["--backend", "cuda"], new RegExp(`^--backend must be one of ${BACKEND_NAMES.join(", ")}, got "cuda"$`)],
    [["--goodness", "max"], /^--goodness must be "sum" or "mean", got "max"$/],
    [["--preset", "huge"], /^--preset must be one of quick/],
    [["--workers", "0"], /^--workers must be a whole number >= 1, got "0"$/],
    [["--epochs"], /^--epochs needs a whole number; see --help$/],
    [["--epochs", "--lr", "1"], /^--epochs needs a whole number; see --help$/],
    [["--bogus"], /^Unknown option '--bogus'; see --help$/],
  ];
  for (const [args, message] of cases) {
    assert.throws(
      () => parseTrainArgs(args),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
      `${args.join(" ")}`,
    );
  }
});

Deno.test("parseTrainArgs() on --resume takes only the flags given, so the run folder's config decides the rest", () => {
  const request = parseTrainArgs(["--resume", "--epochs", "4", "--out", "runs/x"]);
  assert.ok(request !== "help");
  assert.deepEqual(request.overrides, { epochs: 4 });
  assert.equal(request.workers, undefined, "workers are decided once the backend is known");
});

Deno.test("TRAIN_USAGE lists every flag of the table once, with its default", () => {
  for (const flag of TRAIN_FLAGS) {
    assert.equal(
      TRAIN_USAGE.split("\n").filter((l) => l.startsWith(`  --${flag.name} `)).length,
      1,
      flag.name,
    );
  }
  assert.match(TRAIN_USAGE, /--epochs N +epochs \(default the preset's\)/);
  assert.match(TRAIN_USAGE, /--backend NAME +backend \((\w+ \| )*onednn( \| \w+)*; default auto\)/);
});

Deno.test("defaultWorkers() uses one worker per core on wasm and cpu, one on onednn and the GPU backends", () => {
  assert.equal(defaultWorkers("wasm"), navigator.hardwareConcurrency);
  assert.equal(defaultWorkers("onednn"), 1);
  assert.equal(defaultWorkers("webgpu"), 1);
});
