/**
 * The final tables `deno task train` prints.
 * @module
 */
import type { StrategySummary } from "../prediction/strategy_summary.ts";
import type { RunSummary } from "../report/run_summary.ts";
import { compact, formatTable, percent } from "./format_table.ts";

/**
 * Formats the strategies side by side: accuracy against blocks, parameters, FLOPs and memory.
 *
 * @param strategies One summary per strategy shown.
 * @param bestBlock The block Best uses (0-based).
 * @returns The table.
 */
export function strategyTable(strategies: readonly StrategySummary[], bestBlock: number): string {
  return formatTable(
    ["strategy", "test acc", "val acc", "blocks", "trainable", "frozen", "FLOPs/img", "peak MiB"],
    strategies.map((s) => [
      s.strategy + (s.strategy === "best" ? ` (block ${bestBlock + 1})` : ""),
      percent(s.testAccuracy),
      percent(s.validationAccuracy),
      String(s.blocksUsed),
      compact(s.trainableParameters),
      compact(s.frozenParameters),
      compact(s.flopsPerImage),
      (s.peakBytes / 2 ** 20).toFixed(2),
    ]),
  );
}

/**
 * Formats the final tables: strategies (accuracy against cost) and blocks.
 *
 * @param summary A run summary.
 * @returns Text for the terminal.
 */
export function summaryTables(summary: RunSummary): string {
  const strategies = strategyTable(summary.strategies, summary.bestBlock);
  const blocks = formatTable(
    ["block", "test acc", "val acc", "mean goodness"],
    summary.blocks.map((b, l) => [
      String(l + 1),
      percent(b.testAccuracy),
      percent(b.validationAccuracy),
      b.meanGoodness.toPrecision(4),
    ]),
  );
  return `${strategies}\n\n${blocks}\n`;
}
