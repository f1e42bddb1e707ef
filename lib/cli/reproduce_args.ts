/**
 * Arguments of `deno task reproduce:<dataset>`, parsed and validated into a training request.
 * @module
 */
import { parseArgs } from "node:util";
import {
  isReproductionDataset,
  REPRODUCTION_DATASETS,
  type ReproductionDataset,
  REPRODUCTIONS,
} from "../config/reproductions.ts";
import type { TrainingRequest } from "./run_training.ts";
import { choiceFlag, intFlag, UsageError } from "./usage_error.ts";
import { CLI_BACKENDS, defaultWorkers } from "./train_args.ts";

/** A parsed reproduce command. */
export interface ReproduceRequest extends TrainingRequest {
  /** The dataset whose row of the paper's table is reproduced. */
  readonly dataset: ReproductionDataset;
}

/** The help text. */
export const REPRODUCE_USAGE = `Usage: deno task reproduce:<dataset> [flags]
       (dataset: ${REPRODUCTION_DATASETS.join(" | ")}; or deno run -A lib/cli/reproduce.ts <dataset> [flags])
Trains the paper-scale preset for the dataset and writes results.md and results.json (accuracy next to the
paper's, and the gap) and report.html into the run folder.
  --backend NAME      ${CLI_BACKENDS.join(" | ")} (default auto: the fastest here)
  --workers N         training threads, data-parallel (default: one per core for wasm/cpu, 1 otherwise)
  --data-dir DIR      folder holding the dataset files (ImageNet: required the first time, see docs/reproduce.md)
  --cache-dir DIR     downloads and the ImageNet cache (default $ASGE_DATA or ~/.cache/asge)
  --image-size S      ImageNet only: side of the cached images in pixels (default 32)
  --out DIR           run folder (default runs/reproduce-<dataset>)
  --epochs N          epochs (the preset's by default)
  --limit N           train on the first N images only (a quick check, not comparable to the paper)
  --offline           never download; say which file is missing instead
  --resume            continue the run in --out from its last checkpoint
  --help              this text
Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (continue with --resume).`;

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
export function parseReproduceArgs(args: string[]): ReproduceRequest | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        backend: { type: "string", default: "auto" },
        workers: { type: "string" },
        "data-dir": { type: "string" },
        "cache-dir": { type: "string" },
        "image-size": { type: "string" },
        out: { type: "string" },
        epochs: { type: "string" },
        limit: { type: "string" },
        offline: { type: "boolean", default: false },
        resume: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help`);
  }
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
  const imageSize = intFlag("image-size", values["image-size"], 8);
  if (imageSize !== undefined && reproduction.imageSize === undefined) {
    throw new UsageError(`--image-size applies to ImageNet only; ${dataset} has a fixed image size`);
  }
  const overrides: Record<string, unknown> = {
    ...reproduction.overrides,
    epochs: intFlag("epochs", values.epochs, 1),
    limit: intFlag("limit", values.limit, 1),
  };
  for (const key of Object.keys(overrides)) if (overrides[key] === undefined) delete overrides[key];
  return {
    dataset,
    preset: reproduction.preset,
    overrides,
    backend: choiceFlag("backend", values.backend, CLI_BACKENDS),
    workers: intFlag("workers", values.workers, 1) ??
      (values.backend === "auto" ? undefined : defaultWorkers(values.backend)),
    dataDir: values["data-dir"],
    cacheDir: values["cache-dir"],
    offline: values.offline,
    imageSize: imageSize ?? reproduction.imageSize,
    out: values.out ?? `runs/reproduce-${dataset}`,
    resume: values.resume,
  };
}
