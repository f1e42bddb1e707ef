/**
 * The final tables `deno task train` prints.
 * @module
 */
import type { StrategySummary } from "../prediction/strategy_summary.ts";
import type { RunSummary } from "../report/run_summary.ts";
import { formatFixed, formatPercent, formatSi, formatSignificant, textTable } from "../util/text_format.ts";

/**
 * Formats the strategies side by side: accuracy against blocks, parameters, FLOPs and memory.
 *
 * @param strategies One summary per strategy shown.
 * @param bestBlock The block Best uses (0-based).
 * @returns The table.
 */
export function strategyTable(strategies: readonly StrategySummary[], bestBlock: number): string {
  return textTable(
    ["strategy", "test acc", "val acc", "blocks", "trainable", "frozen", "FLOPs/img", "peak MiB"],
    strategies.map((s) => [
      s.strategy + (s.strategy === "best" ? ` (block ${bestBlock + 1})` : ""),
      formatPercent(s.testAccuracy),
      formatPercent(s.validationAccuracy),
      String(s.blocksUsed),
      formatSi(s.trainableParameters),
      formatSi(s.frozenParameters),
      formatSi(s.flopsPerImage),
      formatFixed(s.peakBytes / 2 ** 20),
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
  const blocks = textTable(
    ["block", "test acc", "val acc", "mean goodness"],
    summary.blocks.map((b, l) => [
      String(l + 1),
      formatPercent(b.testAccuracy),
      formatPercent(b.validationAccuracy),
      formatSignificant(b.meanGoodness, 4),
    ]),
  );
  return `${strategies}\n\n${blocks}\n`;
}
