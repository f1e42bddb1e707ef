import assert from "node:assert/strict";
import { parseReproduceArgs } from "../../lib/cli/reproduce_args.ts";
import { UsageError } from "../../lib/cli/usage_error.ts";

Deno.test("parseReproduceArgs() maps a dataset to its preset and forwards the flags", () => {
  const request = parseReproduceArgs([
    "imagenet",
    "--backend",
    "cpu",
    "--workers",
    "3",
    "--data-dir",
    "/data/ilsvrc",
    "--cache-dir",
    "/fast/cache",
    "--image-size",
    "64",
    "--epochs",
    "3",
    "--limit",
    "1000",
    "--offline",
    "--resume",
  ]);
  assert.notEqual(request, "help");
  if (request === "help") return;
  assert.equal(request.preset, "vgg-imagenet");
  assert.deepEqual(request.overrides, {
    preset: "vgg-imagenet",
    dataset: "imagenet",
    epochs: 3,
    limit: 1000,
  });
  assert.deepEqual(
    [request.backend, request.workers, request.dataDir, request.cacheDir, request.imageSize, request.offline],
    ["cpu", 3, "/data/ilsvrc", "/fast/cache", 64, true],
  );
  assert.equal(request.out, "runs/reproduce-imagenet");
  assert.equal(request.resume, true);
  const mnist = parseReproduceArgs(["mnist"]);
  assert.ok(mnist !== "help");
  assert.deepEqual(
    [mnist.preset, mnist.imageSize, mnist.backend, mnist.workers, mnist.out],
    ["vgg-grey", undefined, "auto", undefined, "runs/reproduce-mnist"],
  );
});

Deno.test("parseReproduceArgs() rejects a missing or unknown dataset and bad flag values", () => {
  const usage = (args: string[], pattern: RegExp) =>
    assert.throws(() => parseReproduceArgs(args), (e) => e instanceof UsageError && pattern.test(e.message));
  usage([], /expected one dataset \(mnist, fashion-mnist, cifar10, cifar100, imagenet\), got none/);
  usage(["cifar10", "cifar100"], /got cifar10 cifar100/);
  usage(["svhn"], /unknown dataset "svhn"/);
  usage(["cifar10", "--epochs", "0"], /--epochs must be a whole number >= 1, got "0"/);
  usage(["cifar10", "--epochs", "-1"], /--epochs must be a whole number >= 1, got "-1"/);
  usage(["imagenet", "--image-size", "4"], /--image-size must be a whole number >= 8/);
  usage(["cifar10", "--batch-size", "4"], /batch-size.*see --help/);
  assert.equal(parseReproduceArgs(["--help"]), "help");
  const fresh = parseReproduceArgs(["cifar10", "--limit", "500"]);
  assert.ok(fresh !== "help");
  assert.deepEqual(fresh.overrides, { preset: "vgg-colour", dataset: "cifar10", limit: 500 });
});
