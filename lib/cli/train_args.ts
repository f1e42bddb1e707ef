/**
 * Flags of `deno task train`, parsed into a run request through the flag table.
 * @module
 */
import { resolveConfig } from "../config/resolve_config.ts";
import type { CliRunRequest } from "./cli_run.ts";
import { type Flag, flagOverrides, parseFlags, usageErrorFor, usageText } from "./flag_table.ts";
import { type CLI_DATASETS, CONFIG_FLAGS, runFlags } from "./run_flags.ts";
export { defaultWorkers } from "./default_workers.ts";

/** Every flag of `deno task train`. */
export const TRAIN_FLAGS: readonly Flag[] = [
  ...CONFIG_FLAGS,
  ...runFlags({
    out: "runs/<dataset>-<preset>",
    dataDir: "folder holding the dataset files (looked at first)",
  }),
];

/** The help text. */
export const TRAIN_USAGE: string = usageText(
  "Usage: deno task train [flags]",
  TRAIN_FLAGS,
  "Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (continue with --resume).",
);

/** A parsed `deno task train`. */
export interface TrainCommandRequest extends CliRunRequest {
  /** Dataset name (of a new run; a resumed run keeps its own). */
  readonly dataset: (typeof CLI_DATASETS)[number];
}

/**
 * Parses `deno task train` flags. A new run's config is resolved here, so a bad value is reported against its
 * flag before anything loads; a resumed run's overrides are only the flags given (checked against the run
 * folder's config when it runs).
 *
 * @param args Command-line arguments.
 * @returns The request, or `"help"`; throws `UsageError` on bad input.
 * @example
 * ```ts
 * import { parseTrainArgs } from "./train_args.ts";
 * const request = parseTrainArgs(["--dataset", "mnist", "--epochs", "2"]);
 * if (request === "help" || request.overrides.epochs !== 2 || request.out !== "runs/mnist-quick") {
 *   throw new Error("unexpected request");
 * }
 * ```
 */
export function parseTrainArgs(args: readonly string[]): TrainCommandRequest | "help" {
  const parsed = parseFlags(TRAIN_FLAGS, args);
  const { values } = parsed;
  if (values.help) return "help";
  const resume = values.resume === true;
  const dataset = values.dataset as TrainCommandRequest["dataset"];
  const preset = values.preset as string;
  const overrides = flagOverrides(TRAIN_FLAGS, parsed, resume);
  if (!resume) {
    try {
      resolveConfig(preset, overrides);
    } catch (error) {
      throw usageErrorFor(TRAIN_FLAGS, error);
    }
  }
  return {
    dataset,
    preset,
    overrides,
    backend: values.backend as TrainCommandRequest["backend"],
    workers: values.workers as number | undefined,
    dataDir: values["data-dir"] as string | undefined,
    cacheDir: values["cache-dir"] as string | undefined,
    imageSize: values["image-size"] as number | undefined,
    offline: values.offline === true,
    out: (values.out as string | undefined) ?? `runs/${dataset}-${preset}`,
    resume,
  };
}
