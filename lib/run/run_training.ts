/**
 * A run as one library call: given a resolved config, loaded data and where steps run, {@linkcode runTraining}
 * takes the run folder's lock, trains (resuming from the folder's checkpoint when asked), evaluates, and
 * writes every file of the folder. `deno task train`, `deno task reproduce:*`, the notebooks and study runners
 * differ only in how they render its events.
 * @module
 */
import type { DatasetSplits } from "../config/labeled_images.ts";
import type { RunConfig } from "../config/run_config.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import type { Evaluation } from "../prediction/evaluate_network.ts";
import { truncateNetwork } from "../prediction/truncate_network.ts";
import { type HtmlReportInput, renderHtmlReport } from "../report/html_report.ts";
import { runReport } from "../report/run_report.ts";
import { type RunSummary, summarizeRun } from "../report/run_summary.ts";
import type { EpochMetrics } from "../training/epoch_metrics.ts";
import type { TrainEvent } from "../training/train_events.ts";
import { type StepEngineFactory, type TrainingStore, trainInMemory } from "../training/train_in_memory.ts";
import { RunFolderError } from "./run_error.ts";
import { RUN_FILES, RunFolder } from "./run_folder.ts";
import { RunLock } from "./run_lock.ts";

/** What {@linkcode runTraining} needs. */
export interface RunOptions {
  /** The resolved, validated config (see `resolveConfig`, or `chooseRunConfig` for a resumable folder). */
  readonly config: RunConfig;
  /** The loaded dataset. */
  readonly data: DatasetSplits;
  /** The run folder; created if absent. */
  readonly runDir: string;
  /**
   * Continue from the folder's checkpoint (made under the same config; only `epochs` may grow). Without it a
   * folder that already holds a checkpoint is refused. A folder with no checkpoint starts anew either way.
   */
  readonly resume?: boolean;
  /** Where steps run (default: this thread); `workerEngine` spreads them over worker threads. */
  readonly engine?: StepEngineFactory;
  /** Stops the run between steps; the last good epoch's checkpoint stays. */
  readonly signal?: AbortSignal;
  /** Receives progress events (the trainer's, and `checkpoint` after each checkpoint is on disk). */
  readonly onEvent?: (event: TrainEvent) => void;
  /** Backend description recorded in `summary.json` and the report (e.g. `useBackend`'s). */
  readonly backend?: string;
  /** Images per evaluation pass (default: {@linkcode evalBatchSize} of the image size). */
  readonly evalBatchSize?: number;
  /** Steps between `step` events (default 20). */
  readonly progressEverySteps?: number;
  /** Write `report.html` (default true; it costs a few seconds of rendering). */
  readonly report?: boolean;
}

/** What a finished run returns; the caller disposes `network`. */
export interface RunOutcome {
  /** The run's config. */
  readonly config: RunConfig;
  /** The trained network. */
  readonly network: AsgeNetwork;
  /** Every epoch's record (earlier sessions included when resumed). */
  readonly metrics: readonly EpochMetrics[];
  /** Block Best uses (0-based). */
  readonly bestBlock: number;
  /** Final evaluation on the validation split (count 0 when there is none). */
  readonly validation: Evaluation;
  /** Final evaluation on the test split (with per-class logits). */
  readonly test: Evaluation;
  /** What `summary.json` holds. */
  readonly summary: RunSummary;
  /**
   * What `report.html` shows, as data (`runReport`'s content): a notebook draws the same charts with
   * `reportCharts`. Absent when `report` is `false`.
   */
  readonly report?: HtmlReportInput;
  /** Paths of the files written, by {@linkcode RUN_FILES} key (`report` absent when not asked). */
  readonly files: Readonly<Partial<Record<keyof typeof RUN_FILES, string>>>;
  /** Wall seconds of this call. */
  readonly seconds: number;
}

/**
 * Images per evaluation pass: 500 up to 32x32 pixels, fewer for larger images so that one pass's activations
 * stay about the same size (a 500-image pass at 64x64 overflows the wasm backend's 4 GB heap).
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
 * Runs one training run into a run folder: lock, config, epochs with a checkpoint after each good one, then
 * the models, `summary.json` and `report.html`. A loss or goodness that stops being finite ends the run with
 * a `NonFiniteError` and leaves the last good checkpoint and no model files of the bad state.
 *
 * @param options Config, data, folder, engine, signal and event callback.
 * @returns The trained network (caller disposes), metrics, evaluations, summary and file paths.
 * @throws RunFolderError when another process holds the folder ("busy"), or it holds a run and `resume` is off
 *   ("exists"), or its checkpoint has another config ("other-config"); NonFiniteError; the signal's reason.
 * @example Two epochs of a tiny network on generated images
 * ```ts
 * import { resolveConfig, runTraining, syntheticDataset, useBackend } from "../../mod.ts";
 * await useBackend("cpu");
 * const config = resolveConfig("quick", {
 *   dataset: "synthetic", epochs: 2, batchSize: 32,
 *   blocks: [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
 * });
 * const data = syntheticDataset({ height: 8, width: 8, channels: 1, numClasses: 4, trainCount: 128, testCount: 32 });
 * const runDir = await Deno.makeTempDir();
 * const outcome = await runTraining({ config, data, runDir, report: false });
 * outcome.network.dispose();
 * const epochs = (await Deno.readTextFile(`${runDir}/metrics.jsonl`)).trim().split("\n").length;
 * await Deno.remove(runDir, { recursive: true });
 * if (epochs !== 2 || outcome.metrics.length !== 2) throw new Error(`${epochs} epochs on disk`);
 * ```
 */
export async function runTraining(options: RunOptions): Promise<RunOutcome> {
  const started = performance.now();
  const { config, data } = options;
  const emit = options.onEvent ?? (() => {});
  const folder = new RunFolder(options.runDir);
  const lock = await RunLock.acquire(folder.dir);
  try {
    const existing = await folder.findCheckpoint();
    if (existing && !options.resume) {
      throw new RunFolderError(
        folder.dir,
        "exists",
        `"${folder.dir}" already holds a run (${existing}); pass --resume to continue it or --out DIR for a new run`,
      );
    }
    const store: TrainingStore = {
      restore: async (network, optimizers) =>
        (await folder.restoreCheckpoint(config, network, optimizers))?.metrics ?? [],
      save: async (network, optimizers, metrics) => {
        await folder.writeMetrics(metrics);
        const path = await folder.writeCheckpoint(config, network, optimizers, metrics);
        emit({ type: "checkpoint", path, epoch: metrics.length });
      },
    };
    await folder.writeConfig(config);
    const result = await trainInMemory({
      config,
      data,
      store,
      engine: options.engine,
      signal: options.signal,
      onEvent: emit,
      progressEverySteps: options.progressEverySteps,
      evalBatchSize: options.evalBatchSize ?? evalBatchSize(data.train.height * data.train.width),
    });
    const { network } = result;
    try {
      const backend = options.backend ?? "unrecorded";
      const summary = summarizeRun({ ...result, config, plan: network.plan, backend });
      const meta = { dataset: config.dataset, preset: config.preset };
      const files: Partial<Record<keyof typeof RUN_FILES, string>> = {
        config: folder.path(RUN_FILES.config),
        metrics: folder.path(RUN_FILES.metrics),
        checkpoint: folder.path(RUN_FILES.checkpoint),
      };
      files.model = await folder.writeModel("model", network, config.seed, meta);
      const best = await truncateNetwork(network, result.bestBlock, config.seed);
      try {
        files.bestModel = await folder.writeModel("bestModel", best, config.seed, {
          ...meta,
          strategy: "best",
        });
      } finally {
        best.dispose();
      }
      files.summary = await folder.writeSummary(summary);
      let report: HtmlReportInput | undefined;
      if (options.report ?? true) {
        report = await runReport({
          dir: folder.dir,
          summary,
          metrics: result.metrics,
          classNames: data.classNames,
          test: result.test,
          testImages: data.test,
          normalization: data.normalization,
          network,
        });
        files.report = await folder.writeReport(await renderHtmlReport(report));
      }
      return { ...result, config, summary, report, files, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      network.dispose();
      throw error;
    }
  } finally {
    lock.release();
  }
}
