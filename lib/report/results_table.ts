/**
 * The final results of a run as data, Markdown and JSON: per prediction strategy (accuracy, parameters
 * trainable/frozen, FLOPs, peak memory) and per block (test and validation accuracy, mean goodness), with the
 * gap to the paper's number when one is given. Accuracies are in percent here, as papers print them.
 * @module
 */

import type { EpochMetrics } from "../training/epoch_metrics.ts";
import type { StrategyName, StrategySummary } from "../prediction/strategy_summary.ts";
import { STRATEGY_LABELS } from "./chart_style.ts";
import { finiteOrNull, percentOrNull } from "./plotly_figure.ts";
import {
  formatCount,
  formatFixed,
  formatMiB,
  formatSi,
  formatSigned,
  formatSignificant,
} from "../util/text_format.ts";

/** The paper's result to compare with, in percent (e.g. `{ top1: 93.41 }` for Fashion-MNIST, ASGE.md). */
export interface PaperReference {
  /** Top-1 test accuracy in percent. */
  readonly top1: number;
  /** Top-5 test accuracy in percent (ImageNet), shown for reference. */
  readonly top5?: number;
  /** Where the number comes from, e.g. `"ASGE v2, Table 1"`. */
  readonly source?: string;
}

/** One strategy's final row. */
export interface StrategyResult {
  /** Which strategy. */
  readonly strategy: StrategyName;
  /** Test accuracy in percent (null when unknown). */
  readonly testAccuracyPercent: number | null;
  /** Validation accuracy in percent (null when there is no validation split). */
  readonly validationAccuracyPercent: number | null;
  /** Conv blocks the strategy runs. */
  readonly blocksUsed: number;
  /** Trained parameters it needs. */
  readonly trainableParameters: number;
  /** Frozen parameters (projections W_l, b_l) it needs. */
  readonly frozenParameters: number;
  /** FLOPs per image for one prediction. */
  readonly flopsPerImage: number;
  /** Estimated peak bytes at batch size 1. */
  readonly peakBytes: number;
  /** Test accuracy minus the paper's top-1, in percentage points (null without a paper reference). */
  readonly gapPoints: number | null;
}

/** One block's final row. */
export interface BlockResult {
  /** 1-based block number. */
  readonly block: number;
  /** Test accuracy of this block's logits, in percent. */
  readonly testAccuracyPercent: number | null;
  /** Validation accuracy in percent (null when there is no validation split). */
  readonly validationAccuracyPercent: number | null;
  /** Mean goodness over the test images. */
  readonly meanGoodness: number | null;
  /** Whether the Best strategy selects this block. */
  readonly selectedByBest: boolean;
  /** Test accuracy minus the paper's top-1, in percentage points (null without a paper reference). */
  readonly gapPoints: number | null;
}

/** The final results of a run. */
export interface ResultsTable {
  /** The epoch the block rows come from (null when no epoch was given). */
  readonly epoch: number | null;
  /** The paper's number compared with (null when none). */
  readonly paper: PaperReference | null;
  /** One row per strategy, in the order given. */
  readonly strategies: readonly StrategyResult[];
  /** One row per block, in order. */
  readonly blocks: readonly BlockResult[];
}

/** Input of {@link resultsTable}. */
export interface ResultsTableInput {
  /** One summary per strategy (from lib/prediction). */
  readonly strategies?: readonly StrategySummary[];
  /** The last epoch's record: the per-block rows come from it. */
  readonly finalEpoch?: EpochMetrics;
  /** The paper's number to compare with. */
  readonly paper?: PaperReference;
}

function gap(percent: number | null, paper: PaperReference | undefined): number | null {
  if (percent === null || paper === undefined || !Number.isFinite(paper.top1)) return null;
  return Math.round((percent - paper.top1) * 1e6) / 1e6;
}

/**
 * Collects the final results of a run.
 *
 * @param input Strategy summaries, the final epoch's record and the paper's number (all optional).
 * @returns Rows per strategy and per block, accuracies in percent, gaps in points.
 * @example Gap to the paper
 * ```ts
 * import { resultsTable } from "./results_table.ts";
 * const table = resultsTable({
 *   strategies: [{ strategy: "fusion", testAccuracy: 0.9, validationAccuracy: 0.91, blocksUsed: 4,
 *     trainableParameters: 1e6, frozenParameters: 4e4, flopsPerImage: 2e8, peakBytes: 6e6 }],
 *   paper: { top1: 93.41 },
 * });
 * if (table.strategies[0].gapPoints !== -3.41) throw new Error(String(table.strategies[0].gapPoints));
 * ```
 */
export function resultsTable(input: ResultsTableInput): ResultsTable {
  const { paper, finalEpoch } = input;
  const strategies = (input.strategies ?? []).map((s): StrategyResult => {
    const test = percentOrNull(s.testAccuracy);
    return {
      strategy: s.strategy,
      testAccuracyPercent: test,
      validationAccuracyPercent: percentOrNull(s.validationAccuracy),
      blocksUsed: s.blocksUsed,
      trainableParameters: s.trainableParameters,
      frozenParameters: s.frozenParameters,
      flopsPerImage: s.flopsPerImage,
      peakBytes: s.peakBytes,
      gapPoints: gap(test, paper),
    };
  });
  const blocks = (finalEpoch?.blocks ?? []).map((b, i): BlockResult => {
    const test = percentOrNull(b.testAccuracy);
    return {
      block: i + 1,
      testAccuracyPercent: test,
      validationAccuracyPercent: percentOrNull(b.validationAccuracy),
      meanGoodness: finiteOrNull(b.meanGoodness),
      selectedByBest: finalEpoch?.bestBlock === i,
      gapPoints: gap(test, paper),
    };
  });
  return { epoch: finalEpoch?.epoch ?? null, paper: paper ?? null, strategies, blocks };
}

/**
 * The results as JSON (pretty-printed; missing values are `null`).
 *
 * @param table From {@link resultsTable}.
 * @returns JSON text.
 */
export function resultsTableJson(table: ResultsTable): string {
  return JSON.stringify(table, null, 2);
}

/** Header and rows of both tables as display strings, shared by the Markdown and HTML renderings. */
export interface ResultsTableCells {
  /** Strategy table: header, then one row per strategy. */
  readonly strategies: { readonly header: string[]; readonly rows: string[][] };
  /** Block table: header, then one row per block. */
  readonly blocks: { readonly header: string[]; readonly rows: string[][] };
}

/**
 * Formats the results as table cells (percent with 2 decimals, signed gaps, counts with separators).
 *
 * @param table From {@link resultsTable}.
 * @returns Display strings; paper columns only when a paper reference is set.
 */
export function resultsTableCells(table: ResultsTable): ResultsTableCells {
  const paper = table.paper;
  const paperHeader = paper ? ["Paper (%)", "Gap (points)"] : [];
  const paperCells = (g: number | null) => (paper ? [formatFixed(paper.top1), formatSigned(g)] : []);
  return {
    strategies: {
      header: ["Strategy", "Test acc. (%)", "Val. acc. (%)", ...paperHeader, "Blocks", "Trainable params"]
        .concat(["Frozen params", "FLOPs / image", "Peak memory"]),
      rows: table.strategies.map((s) => [
        STRATEGY_LABELS[s.strategy] ?? s.strategy,
        formatFixed(s.testAccuracyPercent),
        formatFixed(s.validationAccuracyPercent),
        ...paperCells(s.gapPoints),
        String(s.blocksUsed),
        formatCount(s.trainableParameters),
        formatCount(s.frozenParameters),
        formatSi(s.flopsPerImage),
        formatMiB(s.peakBytes),
      ]),
    },
    blocks: {
      header: ["Block", "Test acc. (%)", "Val. acc. (%)", "Mean goodness", ...paperHeader],
      rows: table.blocks.map((b) => [
        b.selectedByBest ? `${b.block} (Best)` : String(b.block),
        formatFixed(b.testAccuracyPercent),
        formatFixed(b.validationAccuracyPercent),
        formatSignificant(b.meanGoodness, 4),
        ...paperCells(b.gapPoints),
      ]),
    },
  };
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const align = header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [line(header), line(align), ...rows.map(line)].join("\n");
}

/**
 * The results as Markdown: a heading line, the strategy table and the block table.
 *
 * @param table From {@link resultsTable}.
 * @returns Markdown text ending in a newline.
 * @example
 * ```ts
 * import { resultsTable, resultsTableMarkdown } from "./results_table.ts";
 * const md = resultsTableMarkdown(resultsTable({
 *   strategies: [{ strategy: "best", testAccuracy: 0.93, validationAccuracy: NaN, blocksUsed: 2,
 *     trainableParameters: 5e4, frozenParameters: 1e4, flopsPerImage: 1e7, peakBytes: 1e6 }],
 *   paper: { top1: 93.41 },
 * }));
 * if (!md.includes("| Best | 93.00 | – | 93.41 | -0.41 |")) throw new Error(md);
 * ```
 */
export function resultsTableMarkdown(table: ResultsTable): string {
  const cells = resultsTableCells(table);
  const parts: string[] = [];
  const paper = table.paper;
  const reference = paper
    ? `; paper: ${formatFixed(paper.top1)}% top-1${
      paper.top5 !== undefined ? `, ${formatFixed(paper.top5)}% top-5` : ""
    }` +
      `${paper.source ? ` (${paper.source})` : ""}; gap = measured - paper, in points`
    : "";
  parts.push(`Results${table.epoch !== null ? ` after epoch ${table.epoch}` : ""}${reference}.`);
  if (cells.strategies.rows.length > 0) {
    parts.push(markdownTable(cells.strategies.header, cells.strategies.rows));
  }
  if (cells.blocks.rows.length > 0) parts.push(markdownTable(cells.blocks.header, cells.blocks.rows));
  return `${parts.join("\n\n")}\n`;
}
