/**
 * The one place where the study runner turns a config into a finished run folder: a call of the run layer's
 * `runTraining`, the only writer of run folders (without `report.html`, which a study does not read).
 * @module
 */
import type { DatasetSplits } from "../config/labeled_images.ts";
import type { RunConfig } from "../config/run_config.ts";
import type { RunSummary } from "../report/run_summary.ts";
import { runTraining } from "../run/run_training.ts";
import type { TrainEvent } from "../training/train_events.ts";
import type { StepEngineFactory } from "../training/train_in_memory.ts";

/** What one cell's run needs. */
export interface CellRunRequest {
  /** The resolved config. */
  readonly config: RunConfig;
  /** The loaded dataset. */
  readonly data: DatasetSplits;
  /** Run folder. */
  readonly dir: string;
  /** Continue from the folder's checkpoint. */
  readonly resume: boolean;
  /** Where steps run (default: this thread). */
  readonly engine?: StepEngineFactory;
  /** Backend description, for the summary. */
  readonly backend: string;
  /** Images per evaluation pass. */
  readonly evalBatchSize?: number;
  /** Stops between steps. */
  readonly signal?: AbortSignal;
  /** Training events. */
  readonly onEvent?: (event: TrainEvent) => void;
}

/**
 * Trains one run into its folder (config, metrics, checkpoint, models, summary) and returns its summary.
 *
 * @param request Config, data, folder and engine.
 * @returns The run's summary, as written to `summary.json`.
 */
export async function runCell(request: CellRunRequest): Promise<RunSummary> {
  const outcome = await runTraining({
    config: request.config,
    data: request.data,
    runDir: request.dir,
    resume: request.resume,
    engine: request.engine,
    backend: request.backend,
    evalBatchSize: request.evalBatchSize,
    signal: request.signal,
    onEvent: request.onEvent,
    report: false,
  });
  outcome.network.dispose();
  return outcome.summary;
}
