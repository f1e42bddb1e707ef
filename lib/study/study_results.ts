/**
 * The table of a study: per cell, mean and deviation over seeds of every strategy's and every block's test
 * accuracy and of the run's wall time.
 * @module
 */
import type { StudyPlan } from "../config/study_plan.ts";
import type { ConfigOverrides } from "../config/resolve_config.ts";
import type { StrategyName } from "../prediction/strategy_summary.ts";
import type { RunSummary } from "../report/run_summary.ts";
import { type MeanSd, meanSd } from "./mean_sd.ts";

/** One finished run of a study. */
export interface StudyRunRecord {
  /** Cell name. */
  readonly cell: string;
  /** Seed. */
  readonly seed: number;
  /** Run folder. */
  readonly dir: string;
  /** The run's summary. */
  readonly summary: RunSummary;
  /** Seconds of training and evaluation over all its epochs (from `metrics.jsonl`). */
  readonly wallSeconds: number;
}

/** One row of the table. */
export interface StudyCellResult {
  /** Cell name. */
  readonly cell: string;
  /** The cell's overrides. */
  readonly overrides: ConfigOverrides;
  /** Seeds with a finished run. */
  readonly seeds: readonly number[];
  /** Test accuracy per strategy, fractions. */
  readonly strategies: Readonly<Record<StrategyName, MeanSd>>;
  /** Test accuracy per block, fractions. */
  readonly blocks: readonly MeanSd[];
  /** Wall seconds per run. */
  readonly wallSeconds: MeanSd;
  /** Best's block (0-based) of each run, in seed order. */
  readonly bestBlocks: readonly number[];
}

/** A study's results: the plan's facts and one row per cell (cells with no finished run are left out). */
export interface StudyResults {
  /** Study name. */
  readonly study: string;
  /** Its question. */
  readonly question: string;
  /** Base preset. */
  readonly preset: string;
  /** Dataset of the runs. */
  readonly dataset: string;
  /** Epochs and limit per run, as run. */
  readonly budget: { readonly epochs: number; readonly limit: number };
  /** Seeds asked for per cell. */
  readonly seeds: number;
  /** Backend descriptions of the runs (distinct ones joined by " / "). */
  readonly backend: string;
  /** Runs finished out of those planned. */
  readonly finished: number;
  /** Runs planned. */
  readonly planned: number;
  /** The rows, in the plan's cell order. */
  readonly cells: readonly StudyCellResult[];
}

const STRATEGIES: readonly StrategyName[] = ["last", "fusion", "best"];

/**
 * Aggregates finished runs into the table.
 *
 * @param study The plan.
 * @param records Finished runs.
 * @param facts Budget, seeds and counts as run.
 * @returns The results.
 * @example One cell, two seeds
 * ```ts
 * import { summarizeStudy } from "./study_results.ts";
 * const summary = (acc: number) => ({ config: { dataset: "d" }, backend: "b", bestBlock: 0,
 *   strategies: ["last", "fusion", "best"].map((strategy) => ({ strategy, testAccuracy: acc })),
 *   blocks: [{ testAccuracy: acc }] }) as never;
 * const results = summarizeStudy(
 *   { name: "s", question: "q", preset: "quick", base: {}, seeds: 2, budget: { epochs: 1, limit: 0 },
 *     cells: [{ name: "a", overrides: {} }] },
 *   [{ cell: "a", seed: 1, dir: "x", summary: summary(0.8), wallSeconds: 10 },
 *    { cell: "a", seed: 2, dir: "y", summary: summary(0.9), wallSeconds: 12 }],
 *   { budget: { epochs: 1, limit: 0 }, seeds: 2, planned: 2 },
 * );
 * if (Math.abs(results.cells[0].strategies.best.mean - 0.85) > 1e-12) throw new Error("mean");
 * ```
 */
export function summarizeStudy(
  study: StudyPlan,
  records: readonly StudyRunRecord[],
  facts: { budget: { epochs: number; limit: number }; seeds: number; planned: number },
): StudyResults {
  const cells: StudyCellResult[] = [];
  for (const cell of study.cells) {
    const runs = records.filter((r) => r.cell === cell.name).sort((a, b) => a.seed - b.seed);
    if (runs.length === 0) continue;
    const strategy = (name: StrategyName) =>
      meanSd(runs.map((r) => r.summary.strategies.find((s) => s.strategy === name)?.testAccuracy ?? NaN));
    const blockCount = Math.max(...runs.map((r) => r.summary.blocks.length));
    cells.push({
      cell: cell.name,
      overrides: cell.overrides,
      seeds: runs.map((r) => r.seed),
      strategies: Object.fromEntries(STRATEGIES.map((s) => [s, strategy(s)])) as Record<StrategyName, MeanSd>,
      blocks: Array.from(
        { length: blockCount },
        (_, l) => meanSd(runs.map((r) => r.summary.blocks[l]?.testAccuracy ?? NaN)),
      ),
      wallSeconds: meanSd(runs.map((r) => r.wallSeconds)),
      bestBlocks: runs.map((r) => r.summary.bestBlock),
    });
  }
  const first = records[0]?.summary;
  return {
    study: study.name,
    question: study.question,
    preset: study.preset,
    dataset: first?.config.dataset ?? String(study.base.dataset ?? ""),
    budget: facts.budget,
    seeds: facts.seeds,
    backend: [...new Set(records.map((r) => r.summary.backend))].join(" / "),
    finished: records.length,
    planned: facts.planned,
    cells,
  };
}
