/**
 * The record of one bench run (written as JSON) and the asge / PyTorch ratios computed from it.
 * @module
 */
import type { BackendProbe } from "../lib/backend/backends.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";
import type { BenchOptions } from "./bench_args.ts";
import type { CaseResult } from "./case_types.ts";
import type { PrimitivePeak } from "./primitive_peak.ts";
import { pytorchBlasProblem, type PytorchResult } from "./pytorch_reference.ts";

/** PyTorch on one preset at one thread count. */
export interface PytorchRow {
  /** Preset. */
  readonly preset: string;
  /** Threads. */
  readonly threads: number;
  /** Training FLOPs per image (the same count as asge's). */
  readonly trainingFlopsPerImage: number;
  /** What it measured, or why it did not run. */
  readonly result: PytorchResult | { readonly unavailable: string };
}

/** asge on one backend over PyTorch for one preset and thread count; above 1 asge is faster. */
export interface Ratio {
  /** Preset. */
  readonly preset: string;
  /** Threads on both sides, training and inference. */
  readonly threads: number;
  /** asge's backend. */
  readonly backend: string;
  /** Training images/s ratio, or null with `note` saying why. */
  readonly train: number | null;
  /** Inference images/s ratio per strategy. */
  readonly inference: Readonly<Record<StrategyName, number | null>>;
  /** Why a ratio is missing, or what makes it unfair. */
  readonly note?: string;
}

/** The speed targets of the native CPU path (issue 8), checked by the bench, never by a test. */
export const TARGETS = {
  /** asge's training images/s over PyTorch's, same network, batch and threads. */
  train: 1.2,
  /** asge's inference images/s over PyTorch's, per strategy. */
  inference: 1.2,
  /** asge's end-to-end training GFLOP/s over the bare oneDNN conv primitives' on the same shapes. */
  ofPeak: 0.6,
} as const;

/** Everything one run measured. */
export interface BenchRun {
  /** ISO time the run started. */
  readonly date: string;
  /** The options. */
  readonly options: BenchOptions;
  /** CPU, cores, Deno version, load averages at start and end. */
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly deno: string;
    readonly loadStart: number[] | null;
    readonly loadEnd: number[] | null;
  };
  /** What `probeBackends()` found. */
  readonly probes: BackendProbe[];
  /** Cases left out, with why. */
  readonly skipped: string[];
  /** asge cases. */
  readonly cases: CaseResult[];
  /** PyTorch runs. */
  readonly pytorch: PytorchRow[];
  /** asge / PyTorch per backend. */
  readonly ratios: Ratio[];
  /** The targets, checked on the headline backend. */
  readonly targets?: TargetCheck[];
}

const STRATEGIES: readonly StrategyName[] = ["last", "fusion", "best"];

/** Backends compared with PyTorch, fastest first: the headline ratio is the first that ran. */
export const COMPARED_BACKENDS = ["onednn", "wasm"] as const;

/**
 * The bare-primitive reference measured for a preset and thread count in this run, if any.
 *
 * @param cases The run's cases.
 * @param preset Preset.
 * @param threads Threads.
 * @returns The reference, or undefined.
 */
export function peakFor(
  cases: readonly CaseResult[],
  preset: string,
  threads: number,
): PrimitivePeak | undefined {
  for (const c of cases) {
    if (c.spec.preset !== preset || c.spec.threads !== threads || !c.primitives) continue;
    if (!("unavailable" in c.primitives)) return c.primitives;
  }
  return undefined;
}

/**
 * Ratios of asge to PyTorch per preset, thread count and CPU backend (onednn, wasm), from the same run, on the
 * same batch size. A PyTorch run on the reference BLAS gets no ratio (the comparison would flatter asge 20x on
 * the matrix products); a forced OpenBLAS kernel gets a note.
 *
 * @param cases asge's cases.
 * @param pytorch PyTorch's rows.
 * @returns One ratio per PyTorch row that ran and backend that has a case for it.
 */
export function computeRatios(cases: readonly CaseResult[], pytorch: readonly PytorchRow[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const row of pytorch) {
    if ("unavailable" in row.result) continue;
    const torch = row.result;
    const problem = pytorchBlasProblem(torch);
    const refused = problem !== null && /reference BLAS|names no BLAS/.test(problem);
    for (const backend of COMPARED_BACKENDS) {
      const asge = cases.find((c) =>
        c.spec.preset === row.preset && c.spec.backend === backend && c.spec.threads === row.threads &&
        c.spec.batchSize === torch.batchSize
      );
      if (asge === undefined) continue;
      let train: number | null = null;
      let note = refused ? `not compared: ${problem}` : problem ?? undefined;
      if ("unavailable" in asge.train) note = asge.train.unavailable;
      else if (!refused) train = asge.train.imagesPerSecond / torch.train.imagesPerSecond;
      const inference = Object.fromEntries(STRATEGIES.map((s) => {
        const rate = asge.inference?.[s];
        return [s, rate === undefined || refused ? null : rate / torch.inference[s]];
      })) as Record<StrategyName, number | null>;
      ratios.push({
        preset: row.preset,
        threads: row.threads,
        backend,
        train,
        inference,
        ...(note ? { note } : {}),
      });
    }
  }
  return ratios;
}

/** One target, checked. */
export interface TargetCheck {
  /** E.g. "train quick 2 thr" or "of peak vgg-grey 1 thr". */
  readonly what: string;
  /** asge's backend. */
  readonly backend: string;
  /** The measured value (a ratio or a share), or null when it could not be measured. */
  readonly value: number | null;
  /** The target. */
  readonly target: number;
  /** value >= target; null when not measured. */
  readonly met: boolean | null;
  /** Why it was not measured. */
  readonly note?: string;
}

/**
 * Checks the targets on the headline backend (the first of {@linkcode COMPARED_BACKENDS} that has cases):
 * training and inference ratios per preset and thread count, and training GFLOP/s over the bare primitives'.
 *
 * @param run The run.
 * @returns One row per target and case.
 */
export function targetChecks(run: Pick<BenchRun, "cases" | "ratios">): TargetCheck[] {
  const backend = COMPARED_BACKENDS.find((b) => run.cases.some((c) => c.spec.backend === b));
  if (backend === undefined) return [];
  const checks: TargetCheck[] = [];
  const check = (what: string, value: number | null, target: number, note?: string) =>
    checks.push({
      what,
      backend,
      value,
      target,
      met: value === null ? null : value >= target,
      ...(note ? { note } : {}),
    });
  for (const r of run.ratios.filter((r) => r.backend === backend)) {
    const at = `${r.preset} ${r.threads} thr`;
    check(`train ${at}`, r.train, TARGETS.train, r.note);
    for (const s of STRATEGIES) check(`${s} ${at}`, r.inference[s], TARGETS.inference, r.note);
  }
  for (const c of run.cases.filter((c) => c.spec.backend === backend)) {
    const peak = peakFor(run.cases, c.spec.preset, c.spec.threads);
    const rate = "unavailable" in c.train ? undefined : c.train.imagesPerSecond;
    const gflops = rate === undefined ? undefined : (rate * c.trainingFlops.total) / 1e9;
    const why = peak === undefined ? "no oneDNN reference measured" : rate === undefined ? "no training" : "";
    check(
      `of peak ${c.spec.preset} ${c.spec.threads} thr`,
      peak && gflops !== undefined ? gflops / peak.gflops : null,
      TARGETS.ofPeak,
      why || undefined,
    );
  }
  return checks;
}
