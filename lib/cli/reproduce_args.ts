/**
 * Arguments of `deno task reproduce:<dataset>`, parsed through the flag table into a run request.
 * @module
 */
import { resolveConfig } from "../config/resolve_config.ts";
import {
  isReproductionDataset,
  REPRODUCTION_DATASETS,
  type ReproductionDataset,
  REPRODUCTIONS,
} from "../config/reproductions.ts";
import type { CliRunRequest } from "./cli_run.ts";
import { type Flag, flagOverrides, parseFlags, usageErrorFor, usageText } from "./flag_table.ts";
import { CONFIG_FLAGS, runFlags } from "./run_flags.ts";
import { UsageError } from "./usage_error.ts";

/** A parsed reproduce command. */
export interface ReproduceRequest extends CliRunRequest {
  /** The dataset whose row of the paper's table is reproduced. */
  readonly dataset: ReproductionDataset;
}

/** Every flag of `deno task reproduce:<dataset>`: the run flags, and of the config only epochs and limit. */
export const REPRODUCE_FLAGS: readonly Flag[] = [
  ...runFlags({
    out: "runs/reproduce-<dataset>",
    dataDir: "folder holding the dataset files (ImageNet: required the first time, see docs/reproduce.md)",
  }),
  ...CONFIG_FLAGS.filter((f) => f.name === "epochs" || f.name === "limit"),
];

/** The help text. */
export const REPRODUCE_USAGE: string = usageText(
  `Usage: deno task reproduce:<dataset> [flags]
       (dataset: ${REPRODUCTION_DATASETS.join(" | ")}; or deno run -A lib/cli/reproduce.ts <dataset> [flags])
Trains the paper-scale preset for the dataset and writes results.md and results.json (accuracy next to the
paper's, and the gap) and report.html into the run folder.`,
  REPRODUCE_FLAGS,
  "Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (continue with --resume).",
);

/**
 * Parses the arguments of a reproduce command.
 *
 * @param args Command-line arguments: the dataset, then flags.
 * @returns The request, or `"help"`; throws {@linkcode UsageError} on bad input.
 * @example
 * ```ts
 * import { parseReproduceArgs } from "./reproduce_args.ts";
 * const request = parseReproduceArgs(["cifar10", "--epochs", "1", "--limit", "500"]);
 * if (request === "help" || request.preset !== "vgg-colour" || request.out !== "runs/reproduce-cifar10") {
 *   throw new Error("unexpected request");
 * }
 * ```
 */
export function parseReproduceArgs(args: readonly string[]): ReproduceRequest | "help" {
  const parsed = parseFlags(REPRODUCE_FLAGS, args, true);
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length !== 1) {
    throw new UsageError(
      `expected one dataset (${REPRODUCTION_DATASETS.join(", ")}), got ${
        positionals.length ? positionals.join(" ") : "none"
      }`,
    );
  }
  if (!isReproductionDataset(positionals[0])) {
    throw new UsageError(
      `unknown dataset "${positionals[0]}": expected one of ${REPRODUCTION_DATASETS.join(", ")}`,
    );
  }
  const dataset = positionals[0];
  const reproduction = REPRODUCTIONS[dataset];
  const imageSize = values["image-size"] as number | undefined;
  if (imageSize !== undefined && reproduction.imageSize === undefined) {
    throw new UsageError(`--image-size applies to ImageNet only; ${dataset} has a fixed image size`);
  }
  const resume = values.resume === true;
  // On resume too: the row's preset and overrides (its dataset) must match the folder's run, or it is refused.
  const overrides = {
    preset: reproduction.preset,
    ...reproduction.overrides,
    ...flagOverrides(REPRODUCE_FLAGS, parsed, true),
  };
  if (!resume) {
    try {
      resolveConfig(reproduction.preset, overrides);
    } catch (error) {
      throw usageErrorFor(REPRODUCE_FLAGS, error);
    }
  }
  return {
    dataset,
    preset: reproduction.preset,
    overrides,
    backend: values.backend as ReproduceRequest["backend"],
    workers: values.workers as number | undefined,
    dataDir: values["data-dir"] as string | undefined,
    cacheDir: values["cache-dir"] as string | undefined,
    offline: values.offline === true,
    imageSize: imageSize ?? reproduction.imageSize,
    out: (values.out as string | undefined) ?? `runs/reproduce-${dataset}`,
    resume,
  };
}
