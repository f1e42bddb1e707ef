/**
 * One training run as the CLI does it, reusable by every command: picks the config (the run folder's own when
 * resuming), starts the backend, loads the dataset, trains, and writes the models, `summary.json` and the HTML
 * report into the run folder. Text goes to the given sink; the caller handles signals and exit codes.
 * @module
 */
import { loadDataset } from "../../datasets/load_dataset.ts";
import { type BackendName, useBackend } from "../backend/backends.ts";
import type { DatasetSplits } from "../config/labeled_images.ts";
import { type ConfigOverrides, resolveConfig, validateConfig } from "../config/resolve_config.ts";
import type { RunConfig } from "../config/run_config.ts";
import { finishRun, type RunSummary } from "../report/run_summary.ts";
import { writeRunReport } from "../report/run_report.ts";
import type { EpochMetrics } from "../training/epoch_metrics.ts";
import { RunFolder } from "../training/run_folder.ts";
import { trainNetwork } from "../training/train_run.ts";
import { workerEngine } from "../parallel/worker_step_engine.ts";
import { cacheEventView } from "./cache_event_view.ts";
import { datasetEventView } from "./dataset_event_view.ts";
import { progressView, type TextSink } from "./progress_view.ts";
import { defaultWorkers } from "./train_args.ts";
import { UsageError } from "./usage_error.ts";

/** What to run. */
export interface TrainingRequest {
  /** Preset name (ignored when resuming: the run folder's config is used). */
  readonly preset: string;
  /** Config overrides; when resuming only `epochs` is taken. */
  readonly overrides: ConfigOverrides;
  /** Backend name. */
  readonly backend: BackendName;
  /** Folder holding the dataset's files, looked at first. */
  readonly dataDir?: string;
  /** Download and cache folder (default `$ASGE_DATA` or the platform cache folder). */
  readonly cacheDir?: string;
  /** Never download. */
  readonly offline: boolean;
  /** Image side for datasets packed at a chosen size (ImageNet). */
  readonly imageSize?: number;
  /** Run folder. */
  readonly out: string;
  /** Continue the run in `out` from its checkpoint. */
  readonly resume: boolean;
  /** Training threads (data-parallel workers); 1 trains in this thread; absent: the backend's default. */
  readonly workers?: number;
}

/** Where the run's text goes and how to stop it. */
export interface TrainingIo {
  /** Progress and messages. */
  readonly write: TextSink;
  /** Whether `write` is a terminal (progress lines are redrawn in place). */
  readonly interactive: boolean;
  /** Stops loading and training between steps; the last epoch's checkpoint stays. */
  readonly signal?: AbortSignal;
}

/** What a finished run left behind. */
export interface TrainingOutcome {
  /** The run's config. */
  readonly config: RunConfig;
  /** The summary written to `summary.json`. */
  readonly summary: RunSummary;
  /** Every epoch's record (earlier sessions included). */
  readonly metrics: readonly EpochMetrics[];
  /** The dataset's class names. */
  readonly classNames: readonly string[];
  /** Images in the splits as loaded (before `limit`). */
  readonly images: { readonly train: number; readonly test: number };
  /** Side of the loaded images in pixels (their height). */
  readonly imageSize: number;
  /** Path of `report.html`. */
  readonly reportPath: string;
  /** Wall seconds of this session: loading the data (with any cache build), training with evaluation, in all. */
  readonly seconds: { readonly load: number; readonly train: number; readonly total: number };
}

/**
 * Images per evaluation pass: the trainer's 500 up to 32x32 pixels, fewer for larger images so that one pass's
 * activations stay about the same size (a 500-image pass at 64x64 overflows the wasm backend's 4 GB heap).
 *
 * @param pixels Height times width of the images.
 * @returns The evaluation batch size.
 * @example
 * ```ts
 * import { evalBatchSize } from "./run_training.ts";
 * if (evalBatchSize(28 * 28) !== 500 || evalBatchSize(64 * 64) !== 125) throw new Error("unexpected");
 * ```
 */
export function evalBatchSize(pixels: number): number {
  return Math.max(8, Math.min(500, Math.floor((500 * 32 * 32) / pixels)));
}

/**
 * Picks the config: the run folder's own when resuming (only `epochs` may change), else the preset with the
 * overrides applied.
 *
 * @param request The preset, overrides and resume switch.
 * @param folder The run folder.
 * @returns The config; throws {@linkcode UsageError} when the folder holds a run and `resume` is off, or holds none
 *   and `resume` is on.
 */
export async function chooseRunConfig(request: TrainingRequest, folder: RunFolder): Promise<RunConfig> {
  const checkpoint = await folder.findCheckpoint();
  if (!request.resume) {
    if (checkpoint) {
      throw new UsageError(
        `"${folder.dir}" already holds a run (${checkpoint}); pass --resume to continue it or --out DIR for a new run`,
      );
    }
    return resolveConfig(request.preset, request.overrides);
  }
  if (!checkpoint) {
    throw new UsageError(
      `--resume: "${folder.dir}" holds no checkpoint to continue; drop --resume to start anew`,
    );
  }
  const saved = await folder.readConfig();
  const config = { ...saved, epochs: request.overrides.epochs ?? saved.epochs };
  validateConfig(config);
  return config;
}

/**
 * Runs one training run end to end.
 *
 * @param request What to run.
 * @param io Text sink and stop signal.
 * @returns The config, summary, metrics, report path and timings.
 * @throws UsageError for a run folder that does not fit `resume`; the signal's reason when stopped; loader and
 *   trainer errors otherwise.
 */
export async function runTraining(request: TrainingRequest, io: TrainingIo): Promise<TrainingOutcome> {
  const started = performance.now();
  const folder = new RunFolder(request.out);
  const config = await chooseRunConfig(request, folder);
  const backend = await useBackend(request.backend);
  const workers = request.workers ?? defaultWorkers(backend.name);
  const backendDescription = `${backend.description}; ${workers} training thread${workers > 1 ? "s" : ""}`;
  io.write(`backend: ${backendDescription}\n`);
  if (backend.hint !== undefined) io.write(`hint: ${backend.hint}\n`);
  const datasetView = datasetEventView(io.write);
  const cacheView = cacheEventView(io.write, io.interactive);
  const data: DatasetSplits = await loadDataset(config.dataset, {
    dataDir: request.dataDir,
    cacheDir: request.cacheDir,
    offline: request.offline,
    imageSize: request.imageSize,
    signal: io.signal,
    onEvent: (event) => (datasetView(event), cacheView(event)),
  });
  const loaded = performance.now();
  const result = await trainNetwork({
    config,
    data,
    runDir: folder.dir,
    resume: request.resume,
    signal: io.signal,
    onEvent: progressView(io.write, io.interactive),
    engine: workers > 1 ? workerEngine(workers, backend.name) : undefined,
    evalBatchSize: evalBatchSize(data.train.height * data.train.width),
  });
  const trained = performance.now();
  try {
    const summary = await finishRun(folder.dir, config, result, backendDescription);
    const reportPath = await writeRunReport({
      dir: folder.dir,
      summary,
      metrics: result.metrics,
      classNames: data.classNames,
      test: result.test,
      testImages: data.test,
      normalization: data.normalization,
      network: result.network,
    });
    const total = (performance.now() - started) / 1000;
    return {
      config,
      summary,
      metrics: result.metrics,
      classNames: data.classNames,
      images: { train: data.train.count, test: data.test.count },
      imageSize: data.train.height,
      reportPath,
      seconds: { load: (loaded - started) / 1000, train: (trained - loaded) / 1000, total },
    };
  } finally {
    result.network.dispose();
  }
}
