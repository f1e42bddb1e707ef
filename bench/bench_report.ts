/**
 * The bench's printed report: throughput, PyTorch, ratios, the per-phase split and the top kernels.
 * @module
 */
import { type BenchRun, peakFor } from "./bench_run.ts";
import type { PrimitivePeak } from "./primitive_peak.ts";
import { pytorchBackendLine, pytorchBlasProblem } from "./pytorch_reference.ts";
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
  const rows = run.cases.map((c) => {
    const rate = trainRate(c);
    const gflops = rate === undefined ? undefined : (rate * c.trainingFlops.total) / 1e9;
    const peak = peakFor(run.cases, c.spec.preset, c.spec.threads);
    const how = c.spec.threads === 1 ? "" : c.spec.threading === "library" ? " lib" : " wrk";
    return [
      c.spec.preset,
      c.spec.backend,
      `${c.spec.threads}${how}`,
      String(c.spec.batchSize),
      rate === undefined ? "n/a" : cell(rate),
      cell(c.inference?.last),
      cell(c.inference?.fusion),
      cell(c.inference?.best),
      cell(gflops),
      cell(peak?.gflops),
      gflops === undefined || peak === undefined ? "-" : percent(gflops / peak.gflops),
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
    "oneDNN GFLOP/s",
    "of oneDNN",
    "tf peak MB",
    "RSS MB",
    "busy",
    "load",
  ], rows);
}

/** The bare oneDNN primitives per preset and thread count: the reference of "of oneDNN". */
function primitiveTable(run: BenchRun): string {
  const rows: string[][] = [];
  for (const c of run.cases) {
    if (!c.primitives) continue;
    if ("unavailable" in c.primitives) {
      rows.push([c.spec.preset, String(c.spec.threads), c.primitives.unavailable]);
      continue;
    }
    const p = c.primitives;
    const perBlock = (pick: (b: PrimitivePeak["blocks"][number]) => number) =>
      p.blocks.map((b) => cell(b.flops / (pick(b) / 1000) / 1e9)).join(" ");
    rows.push([
      c.spec.preset,
      String(c.spec.threads),
      perBlock((b) => b.forwardMs),
      perBlock((b) => b.weightGradientMs),
      cell(p.gflops),
      cell(p.blockedGflops),
      p.sgemm ? `${cell(p.sgemm.gflops)} (${p.sgemm.size}^3)` : "-",
    ]);
  }
  return textTable(
    ["preset", "thr", "forward per block", "weight grad per block", "all", "blocked", "sgemm"],
    rows,
  );
}

/** PyTorch's numbers. */
function pytorchTable(run: BenchRun): string {
  const rows = run.pytorch.map((p) => {
    if ("unavailable" in p.result) return [p.preset, String(p.threads), p.result.unavailable];
    const r = p.result;
    const gflops = (r.train.imagesPerSecond * p.trainingFlopsPerImage) / 1e9;
    const peak = peakFor(run.cases, p.preset, p.threads);
    return [
      p.preset,
      String(p.threads),
      cell(r.train.imagesPerSecond),
      cell(r.inference.last),
      cell(r.inference.fusion),
      cell(r.inference.best),
      cell(gflops),
      peak ? percent(gflops / peak.gflops) : "-",
      r.matmulPeakGflops === null ? "-" : cell(r.matmulPeakGflops),
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
      "of oneDNN",
      "sgemm GFLOP/s",
      "RSS MB",
    ],
    rows,
  );
}

/** What PyTorch ran on, once per distinct answer, with a loud line for an unfair one. */
function pytorchBackendLines(run: BenchRun): string[] {
  const lines = new Set<string>();
  for (const p of run.pytorch) {
    if ("unavailable" in p.result) continue;
    lines.add(`PyTorch ${p.result.torch}, ${p.threads} thr: ${pytorchBackendLine(p.result)}`);
    const problem = pytorchBlasProblem(p.result);
    if (problem) lines.add(`!!! WARNING: ${problem}`);
  }
  return [...lines];
}

/** asge / PyTorch per backend. */
function ratioTable(run: BenchRun): string {
  const rows = run.ratios.map((r) => [
    r.preset,
    String(r.threads),
    r.backend,
    times(r.train),
    times(r.inference.last),
    times(r.inference.fusion),
    times(r.inference.best),
    r.note ?? "",
  ]);
  return textTable(["preset", "thr", "backend", "train", "Last", "Fusion", "Best", "note"], rows);
}

/** The targets, each met or short. */
function targetTable(run: BenchRun): string {
  const rows = (run.targets ?? []).map((t) => [
    t.what,
    t.backend,
    t.what.startsWith("of peak") ? percent(t.value) : t.value === null ? "-" : `${cell(t.value, 3)}x`,
    t.what.startsWith("of peak") ? percent(t.target) : times(t.target),
    t.met === null ? "not measured" : t.met ? "met" : "SHORT",
    t.note ?? "",
  ]);
  return textTable(["target", "backend", "measured", "target", "", "note"], rows);
}

/**
 * Per block and phase, ms per step, for one case; beside the forward and weight-gradient phases, what the bare
 * oneDNN primitives take on the same conv (when measured for this preset and thread count): the difference is
 * what the step spends outside the primitives (tfjs ops around them, layout, dispatch).
 */
function phaseTable(run: BenchRun, c: CaseResult): string {
  const phases = c.phases!;
  const peak = peakFor(run.cases, c.spec.preset, c.spec.threads);
  const bare = (l: number, pick: "forwardMs" | "weightGradientMs") =>
    peak?.blocks[l] === undefined ? undefined : (peak.blocks[l][pick] * c.spec.batchSize) / peak.batchSize;
  const rows = phases.map((b, l) => {
    const values = PHASES.map((p) => b[p]);
    return [
      `block ${l + 1}`,
      ...values.map((v) => cell(v)),
      cell(values.reduce((s, v) => s + v, 0)),
      cell(bare(l, "forwardMs")),
      cell(bare(l, "weightGradientMs")),
    ];
  });
  const totals = PHASES.map((p) => phases.reduce((s, b) => s + b[p], 0));
  const all = totals.reduce((s, v) => s + v, 0);
  const bareTotal = (pick: "forwardMs" | "weightGradientMs") =>
    peak ? phases.reduce((s, _, l) => s + (bare(l, pick) ?? 0), 0) : undefined;
  const bareAll = peak ? bareTotal("forwardMs")! + bareTotal("weightGradientMs")! : undefined;
  rows.push([
    "all blocks",
    ...totals.map((v) => cell(v)),
    cell(all),
    cell(bareTotal("forwardMs")),
    cell(bareTotal("weightGradientMs")),
  ]);
  rows.push([
    "share",
    ...totals.map((v) => percent(v / all)),
    "100%",
    bareAll ? percent(bareAll / all) : "-",
  ]);
  const step = "unavailable" in c.train ? "-" : cell(c.train.secondsPerStep * 1000);
  const title = `${c.spec.preset} on ${c.spec.backend}, ${c.spec.threads} thr, batch ${c.spec.batchSize}: ` +
    `ms per step (each piece timed on its own with a device sync after it, fastest of ${c.spec.phaseSteps}; ` +
    `a full step took ${step} ms; "bare" = the oneDNN conv primitives alone on the same shapes)`;
  return `${title}\n${textTable(["", ...PHASE_TITLES, "total", "bare forward", "bare weight grad"], rows)}`;
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
    `at start, ${load(m.loadEnd)} at end; "busy" = share of the cores other processes used just before a ` +
    "case (above ~10% they compete with the bench: numbers are low)",
    "",
    "asge: images/s (training = one step over all blocks, warm-up excluded; inference per strategy on as many " +
    `threads as training, Best stops at block ${(run.cases[0]?.bestBlock ?? 0) + 1}); thr: "lib" = the ` +
    `library's threads in one process, "wrk" = one worker per thread; GFLOP/s = training FLOPs per image ` +
    "(forward + weight gradient, from the plan) x images/s; oneDNN GFLOP/s = the bare oneDNN conv primitives " +
    "(forward + weight gradient) on the same shapes, batch and threads, in this run",
    throughputTable(run),
  ];
  if (run.cases.some((c) => c.primitives)) {
    parts.push(
      "",
      "Bare oneDNN primitives on each block's conv (GFLOP/s; tfjs's NHWC/HWIO layouts, as asge's kernels run " +
        `them; "blocked" = oneDNN's own layouts, reorders not timed)`,
      primitiveTable(run),
    );
  }
  if (run.pytorch.length) {
    parts.push(
      "",
      "PyTorch, same network, batch and threads",
      ...pytorchBackendLines(run),
      pytorchTable(run),
    );
  }
  if (run.ratios.length) {
    parts.push("", "asge / PyTorch, images/s (above 1x asge is faster)", ratioTable(run));
  }
  if (run.targets?.length) parts.push("", "Targets", targetTable(run));
  const phased = run.cases.filter((c) => c.phases);
  if (phased.length) {
    parts.push("", "Where the time goes", ...phased.map((c) => phaseTable(run, c)).flatMap((t) => [t, ""]));
  }
  const profiled = run.cases.filter((c) => c.profile?.kernels.length);
  if (profiled.length) {
    parts.push("Top kernels of one profiled step (tf.profile kernel times, share of the step)");
    parts.push(...profiled.map(kernelLine));
  }
  if (run.skipped.length) parts.push("", "Skipped:", ...run.skipped.map((s) => `  ${s}`));
  return parts.join("\n");
}
