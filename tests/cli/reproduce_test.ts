/**
 * The whole reproduce pipeline as a user runs it, one command per dataset, on generated data in the real formats:
 * CIFAR-10's binary batches at full size (60000 records, class-coloured), and an ImageNet-style archive set of real
 * JPEGs with the devkit. Each run trains one epoch on a few images and must leave results.md, results.json and
 * report.html with the paper's numbers and sane values.
 * @module
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { cifarRecords } from "../datasets/_dataset_files.ts";
import { writeImagenet } from "../datasets/_imagenet_files.ts";

const root = new URL("../../", import.meta.url);

async function reproduce(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "lib/cli/reproduce.ts", ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  });
  const { code, stdout, stderr } = await command.output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

/** CIFAR-10's five training batches and test batch, 10000 records each; record n has class n % 10. */
async function writeCifar10(dir: string): Promise<void> {
  const folder = join(dir, "cifar-10-batches-bin");
  await Deno.mkdir(folder, { recursive: true });
  const labels = Array.from({ length: 10000 }, (_, n) => [n % 10]);
  const batch = cifarRecords(
    labels,
    (n, c, y, x) => ((n % 10) * 25 + c * 60 + ((x * 7 + y * 3 + n) % 16)) % 256,
  );
  for (let i = 1; i <= 5; i++) await Deno.writeFile(join(folder, `data_batch_${i}.bin`), batch);
  await Deno.writeFile(join(folder, "test_batch.bin"), batch);
}

interface Results {
  dataset: string;
  epochs: { done: number; planned: number };
  images: { train: number; test: number; trainUsed: number; testUsed: number };
  results: {
    paper: { top1: number };
    strategies: { strategy: string; testAccuracyPercent: number; gapPoints: number }[];
    blocks: unknown[];
  };
  top5: { paperPercent: number; strategies: { testPercent: number }[] } | null;
  timing: { wallSeconds: number; imagesPerSecond: number; trainSeconds: number };
}

async function readResults(out: string): Promise<{ json: Results; markdown: string; html: string }> {
  const json = JSON.parse(await Deno.readTextFile(join(out, "results.json")));
  const markdown = await Deno.readTextFile(join(out, "results.md"));
  const html = await Deno.readTextFile(join(out, "report.html"));
  return { json, markdown, html };
}

function assertSane(json: Results, paperTop1: number, blocks: number) {
  assert.equal(json.results.paper.top1, paperTop1);
  assert.deepEqual(json.results.strategies.map((s) => s.strategy), ["last", "fusion", "best"]);
  for (const s of json.results.strategies) {
    assert.ok(
      s.testAccuracyPercent >= 0 && s.testAccuracyPercent <= 100,
      `${s.strategy}: ${s.testAccuracyPercent}`,
    );
    assert.ok(Math.abs(s.gapPoints - (s.testAccuracyPercent - paperTop1)) < 1e-3);
  }
  assert.equal(json.results.blocks.length, blocks);
  assert.ok(json.timing.wallSeconds > 0 && json.timing.trainSeconds > 0 && json.timing.imagesPerSecond > 0);
}

Deno.test("reproduce cifar10 runs from full-size CIFAR-10 batches to results.md, results.json and report.html", async () => {
  const dataDir = await Deno.makeTempDir();
  const out = join(await Deno.makeTempDir(), "run");
  await writeCifar10(dataDir);
  const run = await reproduce([
    "cifar10",
    "--workers",
    "1",
    "--data-dir",
    dataDir,
    "--offline",
    "--out",
    out,
    "--epochs",
    "1",
    "--limit",
    "40",
  ]);
  await Deno.remove(dataDir, { recursive: true });
  assert.equal(run.code, 0, run.stderr);
  const { json, markdown, html } = await readResults(out);
  assertSane(json, 90.62, 4);
  assert.deepEqual(json.images, { train: 50000, test: 10000, trainUsed: 40, testUsed: 7 });
  assert.equal(json.top5, null);
  assert.match(markdown, /^# ASGE reproduction: cifar10/);
  assert.match(markdown, /\| Fusion \| [\d.]+ \| [\d.–]+ \| 90\.62 \| [-+][\d.]+ \|/);
  assert.match(markdown, /Not comparable to the paper: trained on the first 40 training images/);
  assert.ok(html.includes("<html") && html.length > 10000, "report.html is a full report");
  assert.match(run.stdout, /results: .*results\.md/);
});

Deno.test("reproduce imagenet builds the cache from the official archives, resumes, and reports top-5", async () => {
  const dataDir = await Deno.makeTempDir();
  const cacheDir = await Deno.makeTempDir();
  const out = join(await Deno.makeTempDir(), "run");
  await writeImagenet(dataDir, { layout: "archives", perClass: 8, valCount: 6 });
  const common = ["--data-dir", dataDir, "--cache-dir", cacheDir, "--out", out, "--limit", "24"];
  const first = await reproduce(["imagenet", ...common, "--epochs", "1"]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /cache: packing 24 imagenet train images at 32x32/);
  let { json, markdown } = await readResults(out);
  assertSane(json, 51.58, 5);
  assert.equal(json.top5?.paperPercent, 75.23);
  assert.equal(json.top5?.strategies.length, 3);
  // Three classes only: every top-5 guess set holds the right class.
  for (const s of json.top5!.strategies) assert.equal(s.testPercent, 100);
  assert.match(markdown, /## Top-5 test accuracy[\s\S]*\| Fusion \| 100\.00 \| 75\.23 \| \+24\.77 \|/);

  const again = await reproduce(["imagenet", ...common, "--epochs", "2"]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already holds a run .*pass --resume/);
  const resumed = await reproduce(["imagenet", ...common, "--epochs", "2", "--resume"]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.doesNotMatch(resumed.stderr, /cache: packing/, "the complete cache is reused");
  ({ json, markdown } = await readResults(out));
  assert.deepEqual(json.epochs, { done: 2, planned: 2 });
  assert.match(markdown, /2 of 2 epochs/);
});

Deno.test("reproduce says what is missing (exit 1) and rejects bad arguments (exit 2)", async () => {
  const empty = await Deno.makeTempDir();
  const missing = await reproduce([
    "imagenet",
    "--data-dir",
    empty,
    "--cache-dir",
    empty,
    "--out",
    join(empty, "run"),
  ]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /ImageNet training images not found in .*ILSVRC2012_img_train\.tar/);
  const unknown = await reproduce(["svhn"]);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /unknown dataset "svhn": expected one of mnist, fashion-mnist, cifar10, cifar100, imagenet/,
  );
  const size = await reproduce(["cifar10", "--image-size", "64"]);
  assert.equal(size.code, 2);
  assert.match(size.stderr, /--image-size applies to ImageNet only/);
  const help = await reproduce(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: deno task reproduce:<dataset>/);
});
