/**
 * Benchmark of the block pipeline (`lib/pipeline`) on this machine, over a local nats-server on 127.0.0.1:
 * one process (one training thread, and two data-parallel workers) against 2 and 3 stage processes, with
 * float32 and float16 activations. For each: training images/s, test accuracy, each stage's busy share, bytes
 * per second through the broker, parallel efficiency (sum of stage busy time / (stages x wall)), and the
 * broker's share of each stage's time (decode, encode, publish). Then an extrapolation to N machines from the
 * measured per-block costs, and the bytes each stage boundary carries for every preset. Prints Markdown;
 * writes `bench-results/pipeline-<date>.json`. A benchmark, not a test: run it when the machine is quiet.
 *
 *     deno run -A bench/pipeline_bench.ts [--limit 3000] [--epochs 1] [--cases 1p,1p-2w,2s,3s,2s-f16]
 *       [--blocks 32:1,32:1,32:1]   (channels:pool per block instead of the quick preset's plan)
 *       [--storage file|memory]     (the stream's storage; file survives a broker restart)
 * @module
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { loadDataset } from "../datasets/load_dataset.ts";
import { useBackend } from "../lib/backend/backends.ts";
import { PRESETS } from "../lib/config/presets.ts";
import { resolveConfig } from "../lib/config/resolve_config.ts";
import { planNetwork } from "../lib/model/network_plan.ts";
import { workerEngine } from "../lib/parallel/worker_step_engine.ts";
import { LocalNatsServer } from "../lib/pipeline/local_nats_server.ts";
import type { PipelineReport } from "../lib/pipeline/pipeline_step_engine.ts";
import { trainPipeline } from "../lib/pipeline/pipeline_training.ts";
import { balancedSplit } from "../lib/pipeline/stage_balance.ts";
import type { EpochMetrics } from "../lib/training/epoch_metrics.ts";
import type { NetworkWeights } from "../lib/model/asge_network.ts";
import { trainInMemory } from "../lib/training/train_in_memory.ts";
import { atomicWrite } from "../lib/util/atomic_write.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    limit: { type: "string", default: "3000" },
    epochs: { type: "string", default: "1" },
    cases: { type: "string", default: "1p,1p-2w,2s,3s,2s-f16" },
    backend: { type: "string", default: "wasm" },
    blocks: { type: "string" },
    storage: { type: "string", default: "file" },
  },
});
const STAGE_CLI = new URL("../lib/cli/pipeline_stage.ts", import.meta.url).pathname;
const backend = await useBackend(values.backend as "wasm");
const blocks = values.blocks?.split(",").map((b) => {
  const [channels, pool] = b.split(":").map(Number);
  return { channels, pool: pool ?? 1, kernelSize: 3 };
});
const config = resolveConfig("quick", {
  limit: Number(values.limit),
  epochs: Number(values.epochs),
  ...(blocks ? { blocks } : {}),
});
const data = await loadDataset("fashion-mnist", { offline: true });
const load = () => Deno.loadavg()[0].toFixed(1);

interface CaseRow {
  readonly name: string;
  readonly processes: number;
  readonly imagesPerSecond: number;
  readonly testAccuracy: { last: number; fusion: number; best: number };
  readonly loadBefore: string;
  readonly pipeline?: PipelineReport;
  /** CPU seconds of the whole run: this process (training, evaluation) plus every stage's batches. */
  readonly cpuSeconds: number;
  /** Images trained per CPU second: the work the cores did, whatever share of them the run got. */
  readonly imagesPerCpuSecond: number;
  /** Largest kernel difference from the first case's network, relative to its largest kernel value. */
  weightDifference?: number;
}

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const trainedImages = (r: { readonly metrics: readonly EpochMetrics[] }) =>
  r.metrics.reduce((s, m) => s + m.imagesPerSecond * m.trainSeconds, 0);

const trainImagesPerSecond = (r: { readonly metrics: readonly EpochMetrics[] }) =>
  r.metrics.reduce((s, m) => s + m.imagesPerSecond * m.trainSeconds, 0) /
  r.metrics.reduce((s, m) => s + m.trainSeconds, 0);

function perCpu(r: { readonly metrics: readonly EpochMetrics[] }, cpu: number) {
  return { cpuSeconds: cpu, imagesPerCpuSecond: trainedImages(r) / cpu };
}

async function runPipelineCase(name: string, stages: number, float16: boolean): Promise<CaseRow> {
  const server = await LocalNatsServer.start();
  const dir = await Deno.makeTempDir({ prefix: "asge-pipeline-bench-" });
  const run = `bench-${name.replace(/[^A-Za-z0-9]/g, "")}`;
  const children = Array.from({ length: stages }, (_, k) =>
    new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        STAGE_CLI,
        "--stage",
        `${k + 1}/${stages}`,
        "--run",
        run,
        "--nats",
        server.url,
        "--backend",
        values.backend!,
        "--dir",
        `${dir}/stage-${k + 1}`,
        "--quiet",
      ],
      env: { ASGE_ONEDNN_THREADS: String(Math.max(1, Math.floor(navigator.hardwareConcurrency / stages))) },
      stdin: "null",
      stdout: "null",
      stderr: "inherit",
    }).spawn());
  const loadBefore = load();
  const cpuStart = cpuSeconds();
  try {
    const result = await trainPipeline({
      config,
      data,
      runDir: `${dir}/run`,
      report: false,
      progressEverySteps: 1e9,
      pipeline: {
        url: server.url,
        run,
        stages,
        split: "auto",
        float16,
        stallSeconds: 600,
        storage: values.storage as "file" | "memory",
      },
    });
    weights.set(name, await result.network.readWeights());
    result.network.dispose();
    await Promise.all(children.map((c) => c.status));
    return {
      name,
      processes: stages + 1,
      imagesPerSecond: trainImagesPerSecond(result),
      testAccuracy: result.metrics[result.metrics.length - 1].testAccuracy,
      loadBefore,
      pipeline: result.pipeline,
      ...perCpu(
        result,
        cpuSeconds() - cpuStart + result.pipeline.stages.reduce((a, st) => a + st.cpuSeconds, 0),
      ),
    };
  } finally {
    for (const c of children) {
      try {
        c.kill("SIGKILL");
      } catch { /* exited */ }
    }
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

async function runSingleCase(name: string, workers: number): Promise<CaseRow> {
  const loadBefore = load();
  const cpuStart = cpuSeconds();
  const result = await trainInMemory({
    config,
    data,
    engine: workers > 1 ? workerEngine(workers, backend.name) : undefined,
  });
  weights.set(name, await result.network.readWeights());
  result.network.dispose();
  return {
    name,
    processes: 1,
    imagesPerSecond: trainImagesPerSecond(result),
    testAccuracy: result.metrics[result.metrics.length - 1].testAccuracy,
    loadBefore,
    ...perCpu(result, cpuSeconds() - cpuStart),
  };
}

const weights = new Map<string, NetworkWeights>();
const rows: CaseRow[] = [];
for (const name of values.cases!.split(",")) {
  const stages = /^(\d)s/.exec(name);
  const row = stages
    ? await runPipelineCase(name, Number(stages[1]), name.endsWith("-f16"))
    : await runSingleCase(name, name.endsWith("-2w") ? 2 : 1);
  const [first, now] = [weights.get(rows[0]?.name ?? name)!, weights.get(name)!];
  let worst = 0, scale = 0;
  first.blocks.forEach((b, l) =>
    b.kernel.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - now.blocks[l].kernel[i]));
      scale = Math.max(scale, Math.abs(v));
    })
  );
  row.weightDifference = worst / scale;
  rows.push(row);
  console.error(`${name}: ${row.imagesPerSecond.toFixed(1)} images/s (load ${row.loadBefore})`);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const out: string[] = [];
out.push(
  `## Pipeline benchmark: ${
    values.blocks ? `blocks ${values.blocks}` : "quick preset"
  }, Fashion-MNIST, ${config.limit} images, ${values.storage} storage, ${config.epochs} epoch(s), ` +
    `batch ${config.batchSize}, ${backend.description}, ${navigator.hardwareConcurrency} cores`,
  "",
  "| case | processes | images/s | speed-up | images per CPU s | test acc last / fusion / best | weights vs first | split | busy share per stage | CPU share per stage | efficiency | broker MB/s | broker share of stage time | load before |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
);
const base = rows.find((r) => r.name === "1p")?.imagesPerSecond ?? rows[0].imagesPerSecond;
const split = (p: PipelineReport) =>
  p.ranges.map(([a, b]) => b - a > 1 ? `${a + 1}-${b}` : `${b}`).join(" / ");
for (const r of rows) {
  const p = r.pipeline;
  const cells = [
    r.name,
    `${r.processes}`,
    r.imagesPerSecond.toFixed(1),
    `${(r.imagesPerSecond / base).toFixed(2)}x`,
    r.imagesPerCpuSecond.toFixed(1),
    [r.testAccuracy.last, r.testAccuracy.fusion, r.testAccuracy.best].map(pct).join(" / "),
    r.weightDifference === 0 ? "identical" : r.weightDifference!.toExponential(1),
    p ? split(p) : "-",
    p ? p.stages.map((s) => pct(s.busyShare)).join(" / ") : "-",
    p ? p.stages.map((s) => pct(s.cpuShare)).join(" / ") : "-",
    p ? pct(p.efficiency) : "-",
    p ? (p.brokerBytesPerSecond / 1e6).toFixed(2) : "-",
    p ? pct(p.transferShare) : "-",
    r.loadBefore,
  ];
  out.push(`| ${cells.join(" | ")} |`);
}

// Extrapolation: each stage on its own machine or GPU, so stages no longer share cores. A step of the pipeline
// then takes as long as its slowest stage (compute plus its broker work per batch).
const measured = rows.find((r) => r.pipeline?.blockMs)?.pipeline;
if (measured?.blockMs) {
  const blockMs = measured.blockMs;
  const perBatchTransferMs = Math.max(
    0,
    ...rows.flatMap((r) => r.pipeline?.stages ?? []).map((s) =>
      (s.transferSeconds * 1000) / Math.max(1, s.batches)
    ),
  );
  out.push(
    "",
    `### Extrapolation from the measured block costs (${
      blockMs.map((m) => m.toFixed(1)).join(", ")
    } ms per step) ` +
      `and the largest broker time per batch of any stage (${perBatchTransferMs.toFixed(1)} ms)`,
    "",
    "| stages = machines | split | slowest stage ms/step | images/s | speed-up over 1 | efficiency |",
    "|---|---|---|---|---|---|",
  );
  const total = blockMs.reduce((a, b) => a + b, 0);
  for (let n = 1; n <= blockMs.length; n++) {
    const ranges = balancedSplit(blockMs, n);
    const stageMs = ranges.map(([a, b]) =>
      blockMs.slice(a, b).reduce((s, m) => s + m, 0) + (n > 1 ? perBatchTransferMs : 0)
    );
    const slowest = Math.max(...stageMs);
    out.push(
      `| ${n} | ${ranges.map(([a, b]) => b - a > 1 ? `${a + 1}-${b}` : `${b}`).join(" / ")} | ${
        slowest.toFixed(1)
      } | ${((config.batchSize * 1000) / slowest).toFixed(0)} | ${(total / slowest).toFixed(2)}x | ${
        pct(stageMs.reduce((a, b) => a + b, 0) / (n * slowest))
      } |`,
    );
  }
}

// What each stage boundary carries per batch, for every preset at its own batch size.
out.push("", "### Bytes per batch across each block boundary (x_{l+1}), float32 / float16", "");
const shapes: Record<string, [number, number, number, number]> = {
  "quick": [28, 28, 1, 10],
  "vgg-grey": [28, 28, 1, 10],
  "vgg-colour": [32, 32, 3, 10],
  "vgg-imagenet": [64, 64, 3, 1000],
};
out.push(
  "| preset | batch | after block 1 | after block 2 | after block 3 | after block 4 |",
  "|---|---|---|---|---|---|",
);
for (const [preset, [h, w, c, classes]] of Object.entries(shapes)) {
  const p = PRESETS[preset];
  const plan = planNetwork(p.blocks, p.encoding, [h, w, c], classes);
  const cells = plan.blocks.slice(1).map((b) => {
    const bytes = p.batchSize * b.inputShape[0] * b.inputShape[1] * b.inputShape[2] * 4;
    return `${(bytes / 1e6).toFixed(1)} / ${(bytes / 2e6).toFixed(1)} MB`;
  });
  out.push(
    `| ${preset}${preset === "vgg-imagenet" ? " (64x64)" : ""} | ${p.batchSize} | ${
      cells.slice(0, 4).join(" | ")
    }${" | -".repeat(Math.max(0, 4 - cells.length))} |`,
  );
}

const markdown = out.join("\n");
console.log(markdown);
await Deno.mkdir("bench-results", { recursive: true });
await atomicWrite(
  `bench-results/pipeline-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-")}.json`,
  JSON.stringify({ config, backend: backend.description, rows, markdown }, null, 2) + "\n",
);
