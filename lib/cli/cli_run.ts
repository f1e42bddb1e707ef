/**
 * What the train and reproduce commands share: pick the config (the run folder's own when resuming), start
 * the backend, load the dataset with progress on the terminal, then hand everything to `runTraining`
 * (`lib/run`), which writes the run folder. Text goes to the given sink; the caller handles exit codes.
 * @module
 */
import { loadDataset } from "../../datasets/load_dataset.ts";
import { type BackendName, useBackend } from "../backend/backends.ts";
import type { DatasetSplits } from "../config/labeled_images.ts";
import type { ConfigOverrides } from "../config/resolve_config.ts";
import type { RunConfig } from "../config/run_config.ts";
import type { RunSummary } from "../report/run_summary.ts";
import type { EpochMetrics } from "../training/epoch_metrics.ts";
import { chooseRunConfig } from "../run/choose_run_config.ts";
import { RUN_FILES } from "../run/run_folder.ts";
import { runTraining } from "../run/run_training.ts";
import { workerEngine } from "../parallel/worker_step_engine.ts";
import type { StepEngineFactory } from "../training/train_in_memory.ts";
import { cacheEventView } from "./cache_event_view.ts";
import { datasetEventView } from "./dataset_event_view.ts";
import { progressView, type TextSink } from "./progress_view.ts";
import { defaultWorkers } from "./default_workers.ts";

/** What to run. */
export interface CliRunRequest {
  /** Preset name (ignored when resuming: the run folder's config is used). */
  readonly preset: string;
  /** Config overrides; when resuming, any other than `epochs` that changes the saved config is refused. */
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
  /** Training threads (data-parallel workers); absent: {@linkcode defaultWorkers} of the backend that runs. */
  readonly workers?: number;
}

/** Where the run's text goes and how to stop it. */
export interface CliRunIo {
  /** Progress and messages. */
  readonly write: TextSink;
  /** Whether `write` is a terminal (progress lines are redrawn in place). */
  readonly interactive: boolean;
  /** Stops loading and training between steps; the last epoch's checkpoint stays. */
  readonly signal?: AbortSignal;
  /** Where steps run, given the backend that runs (default: `workerEngine` with the request's workers). */
  readonly engine?: (backend: BackendName) => { factory: StepEngineFactory; description: string };
  /** Steps between progress events (default: the trainer's). */
  readonly progressEverySteps?: number;
}

/** What a finished run left behind. */
export interface CliRunOutcome {
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
 * Runs one training run end to end.
 *
 * @param request What to run.
 * @param io Text sink and stop signal.
 * @returns The config, summary, metrics, report path and timings.
 * @throws RunFolderError for a run folder that does not fit `resume` or is busy; the signal's reason when
 *   stopped; loader and trainer errors otherwise.
 */
export async function runFromCli(request: CliRunRequest, io: CliRunIo): Promise<CliRunOutcome> {
  const started = performance.now();
  const config = await chooseRunConfig({ ...request, runDir: request.out });
  const backend = await useBackend(request.backend);
  // After useBackend: "auto" has chosen, so a CPU backend it picked gets a thread per core.
  const workers = request.workers ?? defaultWorkers(backend.name);
  const engine = io.engine?.(backend.name) ?? {
    factory: workerEngine(workers, backend.name),
    description: `${workers} training thread${workers > 1 ? "s" : ""}`,
  };
  const backendDescription = `${backend.description}; ${engine.description}`;
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
  const outcome = await runTraining({
    config,
    data,
    runDir: request.out,
    resume: request.resume,
    signal: io.signal,
    onEvent: progressView(io.write, io.interactive),
    engine: engine.factory,
    backend: backendDescription,
    progressEverySteps: io.progressEverySteps,
  });
  outcome.network.dispose();
  const total = (performance.now() - started) / 1000;
  return {
    config,
    summary: outcome.summary,
    metrics: outcome.metrics,
    classNames: data.classNames,
    images: { train: data.train.count, test: data.test.count },
    imageSize: data.train.height,
    reportPath: outcome.files.report ?? `${request.out}/${RUN_FILES.report}`,
    seconds: { load: (loaded - started) / 1000, train: outcome.seconds, total },
  };
}
