/**
 * How long `deno task reproduce:*` takes on this machine: training step times of each reproduction's preset on
 * random data of the dataset's shape (the trainer's own step in one process), extrapolated to an epoch and to the
 * full run, plus the speed of building the ImageNet cache from photo-sized JPEGs.
 *
 *     deno run -A bench/reproduce_step_times.ts [--backend auto] [--threads N] [--steps 3] [--datasets cifar10,imagenet]
 *
 * `--backend auto` (the default) is what `reproduce` picks: onednn where oneDNN is installed, whose kernels use
 * every core from one process (`--threads N` sets `ASGE_ONEDNN_THREADS`), else wasm, timed here on one thread
 * (`reproduce` spreads wasm over one worker per core: divide by up to the core count).
 * `--batch N` replaces the presets' batch sizes (ImageNet at 64x64 with batch 256 does not fit the wasm backend's
 * memory). Printed as a Markdown table for docs/reproduce.md. Evaluation (a forward pass over the validation and test
 * images after every epoch, about a third of a training step per image) is not included.
 */
import { parseArgs } from "node:util";
import { buildCache } from "../datasets/imagenet/cache_build.ts";
import { loadSharp } from "../datasets/imagenet/decode.ts";
import type { ImageList } from "../datasets/imagenet/image_list.ts";
import { type BackendName, useBackend } from "../lib/backend/backends.ts";
import { REPRODUCTION_DATASETS, REPRODUCTIONS } from "../lib/config/reproductions.ts";
import { resolveConfig } from "../lib/config/resolve_config.ts";
import { AsgeNetwork } from "../lib/model/asge_network.ts";
import { planNetwork } from "../lib/model/network_plan.ts";
import { BlockOptimizer } from "../lib/training/block_optimizer.ts";
import { LocalStepEngine } from "../lib/training/local_step_engine.ts";
import { SeededRandom } from "../lib/util/seeded_random.ts";

const { values } = parseArgs({
  options: {
    backend: { type: "string", default: "auto" },
    threads: { type: "string" },
    steps: { type: "string", default: "3" },
    datasets: { type: "string", default: REPRODUCTION_DATASETS.join(",") },
    "cache-images": { type: "string", default: "200" },
    batch: { type: "string" },
    one: { type: "string" },
  },
});

/** Input shape, classes and training images (official split) of each dataset. */
const DATA: Record<string, { shape: [number, number, number]; classes: number; train: number }> = {
  "mnist": { shape: [28, 28, 1], classes: 10, train: 60000 },
  "fashion-mnist": { shape: [28, 28, 1], classes: 10, train: 60000 },
  "cifar10": { shape: [32, 32, 3], classes: 10, train: 50000 },
  "cifar100": { shape: [32, 32, 3], classes: 100, train: 50000 },
  "imagenet": { shape: [32, 32, 3], classes: 1000, train: 1281167 },
  "imagenet-64": { shape: [64, 64, 3], classes: 1000, train: 1281167 },
};

const hours = (seconds: number) =>
  seconds >= 86400
    ? `${(seconds / 86400).toFixed(1)} d`
    : seconds >= 3600
    ? `${(seconds / 3600).toFixed(1)} h`
    : `${(seconds / 60).toFixed(1)} min`;

/** Mean seconds of one training step (all blocks) after one warm-up step. */
async function stepSeconds(dataset: string, steps: number): Promise<{ seconds: number; batch: number }> {
  const reproduction = REPRODUCTIONS[dataset.replace("-64", "") as keyof typeof REPRODUCTIONS];
  const config = resolveConfig(reproduction.preset, reproduction.overrides);
  const { shape, classes } = DATA[dataset];
  const plan = planNetwork(config.blocks, config.encoding, shape, classes);
  const network = new AsgeNetwork(plan, config.encoding, config.seed);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
  const engine = new LocalStepEngine(network, optimizers);
  const random = new SeededRandom(1);
  const size = values.batch ? Number(values.batch) : config.batchSize;
  const images = Float32Array.from(
    { length: size * shape[0] * shape[1] * shape[2] },
    () => random.nextNormal(),
  );
  const labels = Int32Array.from({ length: size }, () => random.nextInt(classes));
  const batch = { images, labels, size };
  await engine.step(batch, 1e-3);
  await engine.takeStats();
  const started = performance.now();
  for (let s = 0; s < steps; s++) await engine.step(batch, 1e-3);
  await engine.takeStats();
  const seconds = (performance.now() - started) / 1000 / steps;
  engine.dispose();
  for (const o of optimizers) o.dispose();
  network.dispose();
  return { seconds, batch: size };
}

/** Images per second of building the ImageNet cache from `count` 500 x 375 JPEGs (ImageNet's typical size). */
async function cacheImagesPerSecond(count: number, imageSize: number): Promise<number> {
  const sharp = await loadSharp();
  const dir = await Deno.makeTempDir();
  const random = new SeededRandom(2);
  const images: { path: string; size: number }[] = [];
  for (let i = 0; i < Math.min(count, 20); i++) {
    // Smooth gradients plus noise: compresses like a photo (~100 kB at quality 90), unlike pure noise.
    const pixels = new Uint8Array(500 * 375 * 3);
    for (let p = 0; p < pixels.length; p++) {
      const x = (p / 3) % 500, y = Math.floor(p / 1500);
      pixels[p] = (x * (p % 3 + 1) / 4 + y / 3 + random.nextInt(48)) & 255;
    }
    const jpeg = await sharp(pixels, { raw: { width: 500, height: 375, channels: 3 } }).jpeg({ quality: 90 })
      .toBuffer();
    const path = `${dir}/${i}.JPEG`;
    await Deno.writeFile(path, jpeg);
    images.push({ path, size: jpeg.length });
  }
  const list: ImageList = {
    split: "train",
    where: dir,
    images: Array.from(
      { length: count },
      (_, i) => ({ name: `n0/${i}`, label: 0, ...images[i % images.length] }),
    ),
  };
  const started = performance.now();
  await buildCache({ cacheRoot: dir, list, imageSize, dataDir: dir, wnids: ["n0"], classNames: ["n0"] });
  const seconds = (performance.now() - started) / 1000;
  await Deno.remove(dir, { recursive: true });
  return count / seconds;
}

/** Measures one dataset in a fresh process: a wasm heap grown by earlier presets can run out at 64x64. */
async function measureInChild(dataset: string): Promise<{ seconds: number; batch: number } | string> {
  const args = [
    "run",
    "-A",
    new URL(import.meta.url).pathname,
    "--one",
    dataset,
    "--backend",
    values.backend,
  ];
  args.push("--steps", values.steps, ...(values.batch ? ["--batch", values.batch] : []));
  const env: Record<string, string> = values.threads ? { ASGE_ONEDNN_THREADS: values.threads } : {};
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), { args, env }).output();
  if (code !== 0) {
    return new TextDecoder().decode(stderr).split("\n").find((l) => /error/i.test(l)) ?? `exit ${code}`;
  }
  return JSON.parse(new TextDecoder().decode(stdout).trim().split("\n").at(-1)!);
}

if (values.threads) Deno.env.set("ASGE_ONEDNN_THREADS", values.threads);
if (values.one) {
  await useBackend(values.backend as BackendName);
  console.log(JSON.stringify(await stepSeconds(values.one, Number(values.steps))));
  Deno.exit(0);
}
const backend = await useBackend(values.backend as BackendName);
const load = Deno.loadavg().map((l) => l.toFixed(1)).join(" ");
console.log(
  `backend: ${backend.description}; ${values.steps} timed steps after one warm-up, each preset in its own process; ` +
    `${navigator.hardwareConcurrency} cores, load average ${load} at the start (other work slows the steps down)`,
);
console.log("");
console.log(
  "| dataset | preset | input | batch | s / step | images/s | epoch | epochs | full run (training only) |",
);
console.log("|---|---|---|---:|---:|---:|---:|---:|---:|");
const datasets = values.datasets.split(",").flatMap((
  d,
) => (d === "imagenet" ? ["imagenet", "imagenet-64"] : [d]));
for (const dataset of datasets) {
  const reproduction = REPRODUCTIONS[dataset.replace("-64", "") as keyof typeof REPRODUCTIONS];
  const config = resolveConfig(reproduction.preset, reproduction.overrides);
  const shape = DATA[dataset].shape.join("x");
  const measured = await measureInChild(dataset);
  if (typeof measured === "string") {
    console.log(
      `| ${dataset} | ${config.preset} | ${shape} | ${
        values.batch ?? config.batchSize
      } | failed: ${measured} |`,
    );
    continue;
  }
  const { seconds, batch } = measured;
  const trainImages = Math.round(DATA[dataset].train * (1 - config.validationFraction));
  const epoch = seconds * Math.ceil(trainImages / batch);
  const perSecond = (batch / seconds).toFixed(1);
  console.log(
    `| ${dataset} | ${config.preset} | ${shape} | ${batch} | ${seconds.toFixed(2)} | ${perSecond} | ${
      hours(epoch)
    } | ` +
      `${config.epochs} | ${hours(epoch * config.epochs)} |`,
  );
}
if (datasets.some((d) => d.startsWith("imagenet"))) {
  const count = Number(values["cache-images"]);
  console.log("");
  console.log("| ImageNet cache | images/s | 1281167 training images | 50000 validation images |");
  console.log("|---|---:|---:|---:|");
  for (const size of [32, 64]) {
    const perSecond = await cacheImagesPerSecond(count, size);
    console.log(
      `| ${size}x${size} | ${perSecond.toFixed(0)} | ${hours(1281167 / perSecond)} | ${
        hours(50000 / perSecond)
      } |`,
    );
  }
}
