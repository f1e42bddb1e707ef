/**
 * The bench's printed report: throughput, PyTorch, ratios, the per-phase split and the top kernels.
 * @module
 */
import type { BenchRun } from "./bench_run.ts";
import type { CaseResult } from "./case_types.ts";
import { PHASES } from "./phase_times.ts";
import {
  formatMegabytes as megabytes,
  formatSignificant as cell,
  textTable,
} from "../lib/util/text_format.ts";

const PHASE_TITLES = ["forward", "weight grad", "optimizer", "next block"];

const percent = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? "-" : `${cell(100 * x, 2)}%`;
const times = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? "-" : `${cell(x, 2)}x`;

function trainRate(c: CaseResult): number | undefined {
  return "unavailable" in c.train ? undefined : c.train.imagesPerSecond;
}

/** asge's throughput and efficiency per case. */
function throughputTable(run: BenchRun): string {
  const peaks = new Map(
    run.cases.filter((c) => c.matmulPeakGflops).map((c) => [c.spec.backend, c.matmulPeakGflops!]),
  );
  const rows = run.cases.map((c) => {
    const rate = trainRate(c);
    const gflops = rate === undefined ? undefined : (rate * c.trainingFlops.total) / 1e9;
    // The peak is measured on one thread; the worker engine runs one backend instance per thread.
    const onePeak = peaks.get(c.spec.backend);
    const peak = onePeak === undefined ? undefined : onePeak * c.spec.threads;
    return [
      c.spec.preset,
      c.spec.backend,
      String(c.spec.threads),
      String(c.spec.batchSize),
      rate === undefined ? "n/a" : cell(rate),
      cell(c.inference?.last),
      cell(c.inference?.fusion),
      cell(c.inference?.best),
      cell(gflops),
      cell(peak),
      gflops === undefined || peak === undefined ? "-" : percent(gflops / peak),
      megabytes(c.profile?.peakBytes),
      megabytes(c.peakRssBytes),
      c.othersBusy === undefined || c.othersBusy === null ? "-" : percent(c.othersBusy),
      c.load.start ? cell(c.load.start[0], 2) : "-",
    ];
  });
  return textTable([
    "preset",
    "backend",
    "thr",
    "batch",
    "train img/s",
    "Last",
    "Fusion",
    "Best",
    "train GFLOP/s",
    "matmul peak",
    "of peak",
    "tf peak MB",
    "RSS MB",
    "busy",
    "load",
  ], rows);
}

/** PyTorch's numbers. */
function pytorchTable(run: BenchRun): string {
  const rows = run.pytorch.map((p) => {
    if ("unavailable" in p.result) return [p.preset, String(p.threads), p.result.unavailable];
    const r = p.result;
    const gflops = (r.train.imagesPerSecond * p.trainingFlopsPerImage) / 1e9;
    return [
      p.preset,
      String(p.threads),
      cell(r.train.imagesPerSecond),
      cell(r.inference.last),
      cell(r.inference.fusion),
      cell(r.inference.best),
      cell(gflops),
      cell(r.matmulPeakGflops),
      r.matmulPeakGflops ? percent(gflops / r.matmulPeakGflops) : "-",
      megabytes(r.peakRssBytes),
    ];
  });
  return textTable(
    [
      "preset",
      "thr",
      "train img/s",
      "Last",
      "Fusion",
      "Best",
      "train GFLOP/s",
      "matmul peak",
      "of peak",
      "RSS MB",
    ],
    rows,
  );
}

/** asge (wasm) / PyTorch. */
function ratioTable(run: BenchRun): string {
  const rows = run.ratios.map((r) => [
    r.preset,
    String(r.threads),
    times(r.train),
    times(r.inference.last),
    times(r.inference.fusion),
    times(r.inference.best),
    r.note ?? (r.threads > 1 ? "asge inference on 1 thread" : ""),
  ]);
  return textTable(["preset", "thr", "train", "Last", "Fusion", "Best", "note"], rows);
}

/** Per block and phase, ms per step, for one case. */
function phaseTable(c: CaseResult): string {
  const phases = c.phases!;
  const rows = phases.map((b, l) => {
    const values = PHASES.map((p) => b[p]);
    return [`block ${l + 1}`, ...values.map((v) => cell(v)), cell(values.reduce((s, v) => s + v, 0))];
  });
  const totals = PHASES.map((p) => phases.reduce((s, b) => s + b[p], 0));
  const all = totals.reduce((s, v) => s + v, 0);
  rows.push(["all blocks", ...totals.map((v) => cell(v)), cell(all)]);
  rows.push(["share", ...totals.map((v) => percent(v / all)), "100%"]);
  const step = "unavailable" in c.train ? "-" : cell(c.train.secondsPerStep * 1000);
  const title = `${c.spec.preset} on ${c.spec.backend}, batch ${c.spec.batchSize}: ms per step (each piece ` +
    `timed on its own with a device sync after it, fastest of ${c.spec.phaseSteps}; a full step took ${step} ms)`;
  return `${title}\n${textTable(["", ...PHASE_TITLES, "total"], rows)}`;
}

/** The kernels that took the time in one profiled step. */
function kernelLine(c: CaseResult): string {
  const kernels = c.profile!.kernels;
  const total = kernels.reduce((s, k) => s + k.ms, 0);
  const top = kernels.slice(0, 5).map((k) => `${k.name} ${percent(k.ms / total)}`).join(", ");
  return `${c.spec.preset}/${c.spec.backend}: ${top}`;
}

/**
 * Renders a run as text: the tables, the phase splits, the top kernels, and what was skipped.
 *
 * @param run The run.
 * @returns The report.
 */
export function renderBenchReport(run: BenchRun): string {
  const m = run.machine;
  const load = (l: number[] | null) => (l ? l.map((x) => x.toFixed(2)).join(" ") : "unknown");
  const parts = [
    `asge bench, ${run.date}: ${m.cpu}, ${m.cores} cores, Deno ${m.deno}; load average ${
      load(m.loadStart)
    } ` +
    `at start, ${
      load(m.loadEnd)
    } at end; "busy" = share of the cores other processes used just before a case ` +
    "(above ~10% they compete with the bench: numbers are low)",
    "",
    "asge: images/s (training = one step over all blocks, warm-up excluded; inference per strategy, Best " +
    `stops at block ${(run.cases[0]?.bestBlock ?? 0) + 1}); GFLOP/s = training FLOPs per image (forward + ` +
    "weight gradient, from the plan) x images/s; matmul peak = a large float32 matrix product on that backend " +
    "(measured on one thread, times the threads)",
    throughputTable(run),
  ];
  if (run.pytorch.length) {
    parts.push(
      "",
      "PyTorch, same network, batch and threads (matmul peak at that thread count)",
      pytorchTable(run),
    );
  }
  if (run.ratios.length) {
    parts.push("", "asge (wasm) / PyTorch, images/s (above 1x asge is faster)", ratioTable(run));
  }
  const phased = run.cases.filter((c) => c.phases);
  if (phased.length) parts.push("", "Where the time goes", ...phased.map(phaseTable).flatMap((t) => [t, ""]));
  const profiled = run.cases.filter((c) => c.profile?.kernels.length);
  if (profiled.length) {
    parts.push("Top kernels of one profiled step (tf.profile kernel times, share of the step)");
    parts.push(...profiled.map(kernelLine));
  }
  if (run.skipped.length) parts.push("", "Skipped:", ...run.skipped.map((s) => `  ${s}`));
  return parts.join("\n");
}
