/**
 * The final tables `deno task train` prints.
 * @module
 */
import type { RunSummary } from "../report/run_summary.ts";
import { compact, formatTable, percent } from "./format_table.ts";

/**
 * Formats the final tables: strategies (accuracy against cost) and blocks.
 *
 * @param summary A run summary.
 * @returns Text for the terminal.
 */
export function summaryTables(summary: RunSummary): string {
  const strategies = formatTable(
    ["strategy", "test acc", "val acc", "blocks", "trainable", "frozen", "FLOPs/img", "peak MiB"],
    summary.strategies.map((s) => [
      s.strategy + (s.strategy === "best" ? ` (block ${summary.bestBlock + 1})` : ""),
      percent(s.testAccuracy),
      percent(s.validationAccuracy),
      String(s.blocksUsed),
      compact(s.trainableParameters),
      compact(s.frozenParameters),
      compact(s.flopsPerImage),
      (s.peakBytes / 2 ** 20).toFixed(2),
    ]),
  );
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
