/**
 * Leak check: trains a preset for many steps on one backend and samples tfjs's tensor count and bytes and the
 * process's resident memory as it goes. A leak in a kernel (a tensor not disposed, a native buffer or oneDNN
 * primitive not freed) shows as a count that climbs or RSS that keeps growing after the warm-up.
 *
 *     deno run -A bench/leak_check.ts [--backend onednn] [--preset quick] [--steps 1000] [--batch 16]
 *                                     [--every 100] [--warmup 50]
 *
 * Prints one row per sample (tensors, tensor bytes, wasm heap, V8's heap, external buffers, RSS) and a
 * verdict: tensors flat (the same count at every sample after the warm-up), and the growth per 1000 steps of
 * RSS and of RSS less V8's heap (native memory: oneDNN, the wasm heap, FFI buffers). Exit 0 when the tensors
 * and native memory are flat (within 16 MB per 1000 steps), 1 when not: a measurement, not a test (RSS depends
 * on the allocator and the machine).
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { parseArgs } from "node:util";
import { type BackendName, useBackend } from "../lib/backend/backends.ts";
import { AsgeNetwork } from "../lib/model/asge_network.ts";
import { BlockOptimizer } from "../lib/training/block_optimizer.ts";
import { LocalStepEngine } from "../lib/training/local_step_engine.ts";
import { benchPlan } from "./bench_plan.ts";
import { randomBatch } from "./random_batch.ts";
import { formatSignificant as cell, textTable } from "../lib/util/text_format.ts";

/** One sample. */
export interface LeakSample {
  /** Steps done. */
  readonly step: number;
  /** tf.memory().numTensors. */
  readonly tensors: number;
  /** tf.memory().numBytes. */
  readonly tensorBytes: number;
  /** Resident memory of the process. */
  readonly rssBytes: number;
  /** V8's heap (JavaScript objects), total allocated. */
  readonly jsHeapBytes: number;
  /** Memory V8 accounts to native buffers (ArrayBuffers outside the wasm heap). */
  readonly externalBytes: number;
  /** Size of the wasm heap (wasm and onednn keep every tensor there; it only grows), or null elsewhere. */
  readonly heapBytes: number | null;
}

/** The wasm heap's size, where the backend has one. */
function wasmHeapBytes(): number | null {
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm;
  return wasm?.HEAPU8?.buffer.byteLength ?? null;
}

/** What {@linkcode leakCheck} found. */
export interface LeakReport {
  /** What ran. */
  readonly backend: string;
  /** Samples, the first after the warm-up. */
  readonly samples: LeakSample[];
  /** Every sample has the same tensor count. */
  readonly tensorsFlat: boolean;
  /** RSS of the last sample minus the first, per 1000 steps. */
  readonly rssGrowthPer1000Steps: number;
  /** The same over the second half of the samples (a one-off growth early on does not count here). */
  readonly rssGrowthSecondHalfPer1000Steps: number;
  /**
   * RSS less V8's heap, last sample minus first, per 1000 steps: what native code (oneDNN, the wasm heap,
   * FFI buffers) grew by. V8 sizes its own heap up in steps as it sees fit (about 17 MB once, near step 900
   * of quick at batch 16), which is not a leak of the kernels.
   */
  readonly nativeGrowthPer1000Steps: number;
  /** Seconds the timed steps took. */
  readonly seconds: number;
}

/**
 * Trains `steps` steps after `warmup` and samples memory every `every` steps.
 *
 * @param backend Backend to train on.
 * @param preset Preset.
 * @param steps Steps sampled.
 * @param batchSize Images per step.
 * @param every Steps between samples.
 * @param warmup Steps before the first sample (caches, pools and primitive caches fill up first).
 * @returns The samples and the verdict's numbers.
 */
export async function leakCheck(
  backend: Exclude<BackendName, "auto">,
  preset: string,
  steps: number,
  batchSize: number,
  every: number,
  warmup: number,
): Promise<LeakReport> {
  const info = await useBackend(backend);
  const { config, plan } = benchPlan(preset, batchSize);
  const network = new AsgeNetwork(plan, config.encoding, config.seed);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
  const engine = new LocalStepEngine(network, optimizers);
  const batches = Array.from({ length: 8 }, (_, i) => randomBatch(plan, batchSize, i + 1));
  const sample = (step: number): LeakSample => {
    const m = tf.memory();
    const usage = Deno.memoryUsage();
    return {
      step,
      tensors: m.numTensors,
      tensorBytes: m.numBytes,
      rssBytes: usage.rss,
      jsHeapBytes: usage.heapTotal,
      externalBytes: usage.external,
      heapBytes: wasmHeapBytes(),
    };
  };
  for (let s = 0; s < warmup; s++) await engine.step(batches[s % batches.length], 1e-3);
  await engine.takeStats();
  const samples = [sample(0)];
  const start = performance.now();
  for (let s = 1; s <= steps; s++) {
    await engine.step(batches[s % batches.length], 1e-3);
    if (s % every === 0 || s === steps) {
      await engine.takeStats();
      samples.push(sample(s));
    }
  }
  const seconds = (performance.now() - start) / 1000;
  engine.dispose();
  network.dispose();
  for (const o of optimizers) o.dispose();
  const first = samples[0];
  const last = samples.at(-1)!;
  const middle = samples[Math.floor((samples.length - 1) / 2)];
  return {
    backend: info.description,
    samples,
    tensorsFlat: samples.every((s) => s.tensors === first.tensors),
    rssGrowthPer1000Steps: ((last.rssBytes - first.rssBytes) / Math.max(1, last.step)) * 1000,
    nativeGrowthPer1000Steps:
      (((last.rssBytes - last.jsHeapBytes) - (first.rssBytes - first.jsHeapBytes)) / Math.max(1, last.step)) *
      1000,
    rssGrowthSecondHalfPer1000Steps:
      ((last.rssBytes - middle.rssBytes) / Math.max(1, last.step - middle.step)) *
      1000,
    seconds,
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      backend: { type: "string", default: "onednn" },
      preset: { type: "string", default: "quick" },
      steps: { type: "string", default: "1000" },
      batch: { type: "string", default: "16" },
      every: { type: "string", default: "100" },
      warmup: { type: "string", default: "50" },
    },
  });
  const report = await leakCheck(
    values.backend as Exclude<BackendName, "auto">,
    values.preset,
    Number(values.steps),
    Number(values.batch),
    Number(values.every),
    Number(values.warmup),
  );
  const mb = (b: number) => cell(b / 2 ** 20, 3);
  console.log(
    `leak check: ${values.preset}, batch ${values.batch}, ${values.warmup} warm-up steps, then ${values.steps} ` +
      `in ${report.seconds.toFixed(1)} s on ${report.backend}`,
  );
  console.log(textTable(
    ["step", "tensors", "tensor MB", "wasm heap MB", "JS heap MB", "external MB", "RSS MB"],
    report.samples.map((s) => [
      String(s.step),
      String(s.tensors),
      mb(s.tensorBytes),
      s.heapBytes === null ? "-" : mb(s.heapBytes),
      mb(s.jsHeapBytes),
      mb(s.externalBytes),
      mb(s.rssBytes),
    ]),
  ));
  const nativeFlat = Math.abs(report.nativeGrowthPer1000Steps) <= 16 * 2 ** 20;
  console.log(
    `tensors: ${report.tensorsFlat ? "flat" : "CHANGE"}; RSS: ${
      mb(report.rssGrowthPer1000Steps)
    } MB per 1000 steps after the warm-up, ${
      mb(report.rssGrowthSecondHalfPer1000Steps)
    } over the second half; RSS less the JS heap (native memory): ${
      mb(report.nativeGrowthPer1000Steps)
    } MB per 1000 steps (${nativeFlat ? "flat" : "GROWS"})`,
  );
  Deno.exit(report.tensorsFlat && nativeFlat ? 0 : 1);
}
