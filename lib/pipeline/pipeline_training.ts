/**
 * A run whose steps run as a block pipeline across processes: the one place where the coordinator joins the
 * run (`runTraining` of `lib/run`). Everything else of the run, evaluation, Best and Fusion, checkpoints,
 * resume and the run folder, is the single-process run's.
 * @module
 */
import { type RunOptions, type RunOutcome, runTraining } from "../run/run_training.ts";
import { PipelineCoordinator, type PipelineOptions, type PipelineReport } from "./pipeline_step_engine.ts";

/** Options of {@linkcode trainPipeline}: those of a run, without `engine`, plus the pipeline's. */
export interface PipelineTrainOptions extends Omit<RunOptions, "engine"> {
  /** Broker, run name, stages and split. */
  readonly pipeline: PipelineOptions;
}

/** A finished run and what the pipeline measured. */
export interface PipelineTrainResult extends RunOutcome {
  /** Images/s, busy share per stage, bytes through the broker, efficiency. */
  readonly pipeline: PipelineReport;
}

/**
 * Runs a training run into a run folder with its blocks spread over stage processes (each running
 * `runStage`). The stages must be started with the same run name and broker; they may start before or after
 * this call.
 *
 * Progress events come every `progressEverySteps` (default 100 here): each one waits for the pipeline to
 * empty, which costs about (stages - 1) steps of idle time.
 *
 * @param options The run's options and the pipeline's.
 * @returns The run's outcome and the pipeline's measurements; the caller disposes `network`.
 */
export async function trainPipeline(options: PipelineTrainOptions): Promise<PipelineTrainResult> {
  const coordinator = new PipelineCoordinator({ signal: options.signal, ...options.pipeline });
  try {
    const outcome = await runTraining({
      ...options,
      progressEverySteps: options.progressEverySteps ?? 100,
      engine: coordinator.factory,
    });
    return { ...outcome, pipeline: coordinator.report() };
  } finally {
    await coordinator.close().catch(() => {});
  }
}
