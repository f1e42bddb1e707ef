/**
 * What `deno task reproduce:*` ends with: the content of `results.md` and `results.json`, the measured accuracy
 * of every strategy and block next to the paper's number and the gap, top-5 where the paper gives one
 * (ImageNet), and how long it took. Data in, text out: `lib/run` writes the files.
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import type { Reproduction } from "../config/reproductions.ts";
import { testLimit } from "../data/run_splits.ts";
import type { EpochMetrics } from "../training/epoch_metrics.ts";
import { formatDuration, formatFixed, formatSigned } from "../util/text_format.ts";
import { type ResultsTable, resultsTable, resultsTableMarkdown } from "./results_table.ts";
import type { RunSummary } from "./run_summary.ts";

/** What a finished run hands {@linkcode reproductionResults}. */
export interface ReproductionInput {
  /** The run's config. */
  readonly config: RunConfig;
  /** Its summary. */
  readonly summary: RunSummary;
  /** Every epoch's record. */
  readonly metrics: readonly EpochMetrics[];
  /** Images in the splits as loaded (before `limit`). */
  readonly images: { readonly train: number; readonly test: number };
  /** Side of the loaded images in pixels. */
  readonly imageSize: number;
  /** Wall seconds: loading the data (with any cache build) and the whole session. */
  readonly seconds: { readonly load: number; readonly total: number };
}

/** Top-5 test accuracy of each strategy against the paper's top-5, in percent. */
export interface Top5Result {
  /** The paper's top-5, percent. */
  readonly paperPercent: number;
  /** Per strategy: measured top-5 and the gap in points. */
  readonly strategies: readonly { strategy: string; testPercent: number | null; gapPoints: number | null }[];
  /** Per block, top-5 in percent. */
  readonly blocksPercent: readonly (number | null)[];
}

/** Everything `results.json` holds. */
export interface ReproductionResults {
  /** Dataset. */
  readonly dataset: string;
  /** Preset. */
  readonly preset: string;
  /** The command line that ran, for the record. */
  readonly command: string;
  /** Backend description. */
  readonly backend: string;
  /** Epochs trained and planned. */
  readonly epochs: { readonly done: number; readonly planned: number };
  /** Training images used (`limit`; 0 = all). */
  readonly limit: number;
  /** Image side of packed datasets (ImageNet), else null. */
  readonly imageSize: number | null;
  /** Images in the splits as loaded, and those used (fewer with `limit`: the trainer keeps limit / 6 test images). */
  readonly images: {
    readonly train: number;
    readonly test: number;
    readonly trainUsed: number;
    readonly testUsed: number;
  };
  /** Per strategy and per block, with the paper's top-1 and the gap. */
  readonly results: ResultsTable;
  /** Top-5 against the paper's, when the paper gives one. */
  readonly top5: Top5Result | null;
  /** Seconds and throughput. */
  readonly timing: {
    readonly wallSeconds: number;
    readonly loadSeconds: number;
    readonly trainSeconds: number;
    readonly evalSeconds: number;
    readonly imagesPerSecond: number;
  };
  /** Other files of the run folder. */
  readonly files: Readonly<Record<string, string>>;
}

const pct = (fraction: number) => (Number.isFinite(fraction) ? Math.round(fraction * 1e6) / 1e4 : null);
const LABELS: Readonly<Record<string, string>> = { last: "Last", fusion: "Fusion", best: "Best" };
const count = (used: number, all: number) => (used === all ? String(all) : `${used} of ${all}`);

/**
 * Collects the results of a finished reproduction run.
 *
 * @param reproduction The table row that was run.
 * @param outcome The finished run's config, summary, metrics, image counts and timings.
 * @param command The command line, for the record.
 * @returns The content of `results.json`.
 */
export function reproductionResults(
  reproduction: Reproduction,
  outcome: ReproductionInput,
  command: string,
): ReproductionResults {
  const { summary, metrics, config } = outcome;
  const results = resultsTable({
    strategies: summary.strategies,
    finalEpoch: metrics.at(-1),
    paper: reproduction.paper,
  });
  const paperTop5 = reproduction.paper.top5;
  const blocksPercent = summary.top5.blocks.map(pct);
  const top5Of = {
    last: blocksPercent.at(-1) ?? null,
    best: blocksPercent[summary.bestBlock],
    fusion: pct(summary.top5.fusion),
  };
  const top5: Top5Result | null = paperTop5 === undefined ? null : {
    paperPercent: paperTop5,
    strategies: summary.strategies.map((s) => {
      const testPercent = top5Of[s.strategy] ?? null;
      const gapPoints = testPercent === null ? null : Math.round((testPercent - paperTop5) * 1e4) / 1e4;
      return { strategy: s.strategy, testPercent, gapPoints };
    }),
    blocksPercent,
  };
  return {
    dataset: reproduction.dataset,
    preset: config.preset,
    command,
    backend: summary.backend,
    epochs: { done: metrics.length, planned: config.epochs },
    limit: config.limit,
    imageSize: reproduction.imageSize === undefined ? null : outcome.imageSize,
    images: {
      ...outcome.images,
      trainUsed: config.limit > 0 ? Math.min(config.limit, outcome.images.train) : outcome.images.train,
      testUsed: config.limit > 0
        ? Math.min(testLimit(config.limit), outcome.images.test)
        : outcome.images.test,
    },
    results,
    top5,
    timing: {
      wallSeconds: outcome.seconds.total,
      loadSeconds: outcome.seconds.load,
      trainSeconds: summary.trainSeconds,
      evalSeconds: metrics.reduce((s, m) => s + m.evalSeconds, 0),
      imagesPerSecond: summary.imagesPerSecond,
    },
    files: {
      report: "report.html",
      summary: "summary.json",
      metrics: "metrics.jsonl",
      config: "config.json",
      model: "model.asge",
      bestModel: "model-best.asge",
    },
  };
}

/**
 * Renders `results.md`.
 *
 * @param r From {@linkcode reproductionResults}.
 * @returns Markdown ending in a newline.
 */
export function reproductionMarkdown(r: ReproductionResults): string {
  const lines = [
    `# ASGE reproduction: ${r.dataset}`,
    "",
    `Command: \`${r.command}\`  `,
    `Preset \`${r.preset}\` (our reconstruction: the paper's plans and settings were not available), ` +
    `${r.epochs.done} of ${r.epochs.planned} epochs, ${
      count(r.images.trainUsed, r.images.train)
    } training and ` +
    `${count(r.images.testUsed, r.images.test)} test images` +
    (r.imageSize === null ? "" : ` at ${r.imageSize}x${r.imageSize}`) + `, backend ${r.backend}.`,
  ];
  if (r.limit > 0 || r.epochs.done < r.epochs.planned) {
    lines.push(
      "",
      `> Not comparable to the paper: ${
        r.limit > 0 ? `trained on the first ${r.limit} training images (--limit)` : ""
      }` +
        `${r.limit > 0 && r.epochs.done < r.epochs.planned ? " and " : ""}` +
        `${
          r.epochs.done < r.epochs.planned
            ? `stopped after ${r.epochs.done} of ${r.epochs.planned} epochs`
            : ""
        }.`,
    );
  }
  lines.push("", "## Top-1 test accuracy", "", resultsTableMarkdown(r.results).trimEnd());
  if (r.top5) {
    lines.push(
      "",
      "## Top-5 test accuracy",
      "",
      "| Strategy | Test top-5 (%) | Paper top-5 (%) | Gap (points) |",
    );
    lines.push("|---|---:|---:|---:|");
    for (const s of r.top5.strategies) {
      lines.push(
        `| ${LABELS[s.strategy] ?? s.strategy} | ${formatFixed(s.testPercent)} | ${
          formatFixed(r.top5.paperPercent)
        } | ${formatSigned(s.gapPoints)} |`,
      );
    }
    lines.push(
      "",
      `Per block: ${r.top5.blocksPercent.map((p, i) => `block ${i + 1} ${formatFixed(p)}`).join(", ")}.`,
    );
  }
  const t = r.timing;
  lines.push(
    "",
    "## Time",
    "",
    "| | |",
    "|---|---:|",
    `| Wall time of this session | ${formatDuration(t.wallSeconds)} |`,
    `| Loading the data (and building the ImageNet cache, if needed) | ${formatDuration(t.loadSeconds)} |`,
    `| Training, all epochs (evaluation excluded) | ${formatDuration(t.trainSeconds)} |`,
    `| Evaluation, all epochs | ${formatDuration(t.evalSeconds)} |`,
    `| Training throughput | ${formatFixed(t.imagesPerSecond, 1)} images/s |`,
    "",
    `Charts and per-class results: [report.html](report.html). Run folder files: ${
      Object.values(r.files).join(", ")
    }.`,
    "",
  );
  return lines.join("\n");
}
