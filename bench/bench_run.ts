/**
 * The record of one bench run (written as JSON) and the asge / PyTorch ratios computed from it.
 * @module
 */
import type { BackendProbe } from "../lib/backend/backends.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";
import type { BenchOptions } from "./bench_args.ts";
import type { CaseResult } from "./case_types.ts";
import type { PytorchResult } from "./pytorch_reference.ts";

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

/** asge (wasm) over PyTorch for one preset and thread count; above 1 asge is faster. */
export interface Ratio {
  /** Preset. */
  readonly preset: string;
  /** Threads on both sides for training; asge's inference always runs on one thread. */
  readonly threads: number;
  /** Training images/s ratio, or null with `note` saying why. */
  readonly train: number | null;
  /** Inference images/s ratio per strategy (asge on 1 thread). */
  readonly inference: Readonly<Record<StrategyName, number | null>>;
  /** Why a ratio is missing. */
  readonly note?: string;
}

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
  /** asge (wasm) / PyTorch. */
  readonly ratios: Ratio[];
}

const STRATEGIES: readonly StrategyName[] = ["last", "fusion", "best"];

/**
 * Ratios of asge on wasm to PyTorch, per preset and thread count, from the same run.
 *
 * @param cases asge's cases.
 * @param pytorch PyTorch's rows.
 * @returns One ratio per PyTorch row that ran.
 */
export function computeRatios(cases: readonly CaseResult[], pytorch: readonly PytorchRow[]): Ratio[] {
  const ratios: Ratio[] = [];
  for (const row of pytorch) {
    if ("unavailable" in row.result) continue;
    const torch = row.result;
    const wasm = (t: number) =>
      cases.find((c) => c.spec.preset === row.preset && c.spec.backend === "wasm" && c.spec.threads === t);
    const trained = wasm(row.threads);
    const single = wasm(1);
    let train: number | null = null;
    let note: string | undefined;
    if (trained === undefined) note = `asge was not run on wasm with ${row.threads} threads`;
    else if ("unavailable" in trained.train) note = trained.train.unavailable;
    else train = trained.train.imagesPerSecond / torch.train.imagesPerSecond;
    const inference = Object.fromEntries(STRATEGIES.map((s) => {
      const asge = single?.inference?.[s];
      return [s, asge === undefined ? null : asge / torch.inference[s]];
    })) as Record<StrategyName, number | null>;
    ratios.push({ preset: row.preset, threads: row.threads, train, inference, ...(note ? { note } : {}) });
  }
  return ratios;
}
