/**
 * Flags of `deno task train`, parsed and validated into a run request.
 * @module
 */
import { parseArgs } from "node:util";
import { PRESET_NAMES } from "../config/presets.ts";
import type { ConfigOverrides } from "../config/resolve_config.ts";
import { BACKEND_NAMES } from "../backend/backends.ts";
import { choiceFlag, intFlag, positiveFlag, UsageError } from "./usage_error.ts";

/** Datasets the CLI accepts. */
export const CLI_DATASETS = ["mnist", "fashion-mnist", "cifar10", "cifar100", "imagenet"] as const;

/** Backends the CLI accepts. */
export const CLI_BACKENDS = BACKEND_NAMES;

/** What the user asked for. */
export interface TrainRequest {
  /** Dataset name. */
  readonly dataset: (typeof CLI_DATASETS)[number];
  /** Preset name. */
  readonly preset: string;
  /** Config overrides from flags. */
  readonly overrides: ConfigOverrides;
  /** Backend name. */
  readonly backend: (typeof CLI_BACKENDS)[number];
  /** Training threads (data-parallel workers); 1 trains in the main thread; absent: the default of the backend
   * that "auto" picks. */
  readonly workers?: number;
  /** Folder holding the dataset's files, looked at first. */
  readonly dataDir?: string;
  /** Download and cache folder. */
  readonly cacheDir?: string;
  /** Side of the packed images for datasets decoded at a chosen size (ImageNet). */
  readonly imageSize?: number;
  /** Never download. */
  readonly offline: boolean;
  /** Run folder. */
  readonly out: string;
  /** Continue the run in `out`. */
  readonly resume: boolean;
}

/**
 * Training threads (data-parallel workers) by backend: one per core on wasm and cpu (one tfjs wasm instance
 * uses one core); one on onednn, whose oneDNN kernels run on every core through OpenMP in one process (measured
 * 2-4x faster than one worker per core with one thread each, see `lib/backend/onednn/README.md`); one on the
 * GPU backends (their work happens on the device).
 *
 * @param backend Backend name.
 * @returns Worker count.
 */
export function defaultWorkers(backend: string): number {
  return backend === "wasm" || backend === "cpu" ? Math.max(1, navigator.hardwareConcurrency ?? 1) : 1;
}

/** The help text. */
export const TRAIN_USAGE = `Usage: deno task train [flags]
  --dataset NAME      ${CLI_DATASETS.join(" | ")} (default fashion-mnist)
  --preset NAME       ${PRESET_NAMES.join(" | ")} (default quick)
  --epochs N          epochs (preset's by default)
  --batch-size N      images per step
  --lr X              peak learning rate
  --seed N            seed for weights, projections, split, shuffling
  --limit N           train on the first N images only (quick checks)
  --alpha X           partition exponent alpha (r; preset's by default, 1)
  --goodness MODE     sum | mean of squares over a patch (r)
  --goodness-site S   pre | post: read goodness before or after pooling (r)
  --fusion MODE       softmax | logits | weighted (r)
  --backend NAME      ${CLI_BACKENDS.join(" | ")} (default auto: the fastest here)
  --workers N         training threads, data-parallel (default: one per core for wasm/cpu, 1 otherwise)
  --data-dir DIR      folder holding the dataset files (looked at first)
  --cache-dir DIR     download and cache folder (default $ASGE_DATA or the platform cache folder)
  --image-size N      ImageNet: side of the packed images (default 32)
  --offline           never download; say which file is missing instead
  --out DIR           run folder (default runs/<dataset>-<preset>)
  --resume            continue the run in --out from its last checkpoint
  --help              this text`;

/**
 * Parses `deno task train` flags.
 *
 * @param args Command-line arguments.
 * @returns The request, or `"help"`; throws {@linkcode UsageError} on bad input.
 * @example
 * ```ts
 * import { parseTrainArgs } from "./train_args.ts";
 * const request = parseTrainArgs(["--dataset", "mnist", "--epochs", "2"]);
 * if (request !== "help") console.log(request.overrides.epochs); // 2
 * ```
 */
export function parseTrainArgs(args: string[]): TrainRequest | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        dataset: { type: "string", default: "fashion-mnist" },
        preset: { type: "string", default: "quick" },
        epochs: { type: "string" },
        "batch-size": { type: "string" },
        lr: { type: "string" },
        seed: { type: "string" },
        limit: { type: "string" },
        alpha: { type: "string" },
        goodness: { type: "string" },
        "goodness-site": { type: "string" },
        fusion: { type: "string" },
        backend: { type: "string", default: "auto" },
        workers: { type: "string" },
        "data-dir": { type: "string" },
        "cache-dir": { type: "string" },
        "image-size": { type: "string" },
        offline: { type: "boolean", default: false },
        out: { type: "string" },
        resume: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help`);
  }
  if (values.help) return "help";
  const dataset = choiceFlag("dataset", values.dataset, CLI_DATASETS);
  const preset = choiceFlag("preset", values.preset, PRESET_NAMES);
  const lr = positiveFlag("lr", values.lr);
  const alpha = values.alpha === undefined ? undefined : Number(values.alpha);
  if (alpha !== undefined && !(alpha >= 0)) {
    throw new UsageError(`--alpha must be a number >= 0, got "${values.alpha}"`);
  }
  const encoding = {
    alpha,
    goodnessReduction: values.goodness && choiceFlag("goodness", values.goodness, ["sum", "mean"] as const),
    goodnessSite: values["goodness-site"] &&
      choiceFlag("goodness-site", values["goodness-site"], ["pre", "post"] as const),
    fusion: values.fusion && choiceFlag("fusion", values.fusion, ["softmax", "logits", "weighted"] as const),
  };
  for (const key of Object.keys(encoding) as (keyof typeof encoding)[]) {
    if (encoding[key] === undefined) delete encoding[key];
  }
  const overrides: Record<string, unknown> = {
    dataset,
    epochs: intFlag("epochs", values.epochs, 1),
    batchSize: intFlag("batch-size", values["batch-size"], 1),
    seed: intFlag("seed", values.seed, 0),
    limit: intFlag("limit", values.limit, 1),
    optimizer: lr === undefined ? undefined : { learningRate: lr },
    encoding: Object.keys(encoding).length ? encoding : undefined,
  };
  for (const key of Object.keys(overrides)) if (overrides[key] === undefined) delete overrides[key];
  return {
    dataset,
    preset,
    overrides: overrides as ConfigOverrides,
    backend: choiceFlag("backend", values.backend, CLI_BACKENDS),
    workers: intFlag("workers", values.workers, 1) ??
      (values.backend === "auto" ? undefined : defaultWorkers(values.backend)),
    dataDir: values["data-dir"],
    cacheDir: values["cache-dir"],
    imageSize: intFlag("image-size", values["image-size"], 8),
    offline: values.offline,
    out: values.out ?? `runs/${dataset}-${preset}`,
    resume: values.resume,
  };
}
