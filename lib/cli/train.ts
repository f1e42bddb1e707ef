/**
 * `deno task train`: trains an ASGE network from the command line, with a progress bar, a run folder
 * (config, metrics, checkpoints, models, report) and a final summary table.
 * Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (resume with --resume).
 * @module
 */
import { loadDataset } from "../../datasets/load_dataset.ts";
import { useBackend } from "../backend/backends.ts";
import { resolveConfig } from "../config/resolve_config.ts";
import type { RunConfig } from "../config/run_config.ts";
import { validateConfig } from "../config/resolve_config.ts";
import { RunFolder } from "../training/run_folder.ts";
import { trainNetwork } from "../training/train_run.ts";
import { workerEngine } from "../parallel/worker_step_engine.ts";
import { datasetEventView } from "./dataset_event_view.ts";
import { finishRun } from "../report/run_summary.ts";
import { writeRunReport } from "../report/run_report.ts";
import { summaryTables } from "./summary_tables.ts";
import { progressView } from "./progress_view.ts";
import { parseTrainArgs, TRAIN_USAGE, type TrainRequest } from "./train_args.ts";
import { UsageError } from "./usage_error.ts";

const encoder = new TextEncoder();
const stderr = (text: string) => Deno.stderr.writeSync(encoder.encode(text));
const stdout = (text: string) => Deno.stdout.writeSync(encoder.encode(text));

/** Picks the config: the run folder's own when resuming, else the preset with the flags applied. */
async function chooseConfig(request: TrainRequest, folder: RunFolder): Promise<RunConfig> {
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
 * Runs the command.
 *
 * @param args Command-line arguments.
 * @returns The exit code.
 */
export async function main(args: string[]): Promise<number> {
  let request;
  try {
    request = parseTrainArgs(args);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (request === "help") {
    stdout(TRAIN_USAGE + "\n");
    return 0;
  }
  const folder = new RunFolder(request.out);
  const controller = new AbortController();
  const onSignal = () => {
    stderr("\nInterrupt: stopping after this step; the last epoch's checkpoint is kept.\n");
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  try {
    const config = await chooseConfig(request, folder);
    const backend = await useBackend(request.backend);
    stderr(
      `backend: ${backend.description}; ${request.workers} training thread${
        request.workers > 1 ? "s" : ""
      }\n`,
    );
    const data = await loadDataset(config.dataset, {
      dataDir: request.dataDir,
      offline: request.offline,
      signal: controller.signal,
      onEvent: datasetEventView(stderr),
    });
    const result = await trainNetwork({
      config,
      data,
      runDir: folder.dir,
      resume: request.resume,
      signal: controller.signal,
      onEvent: progressView(stderr, Deno.stderr.isTerminal()),
      engine: request.workers > 1 ? workerEngine(request.workers, backend.name) : undefined,
    });
    try {
      const summary = await finishRun(folder.dir, config, result, backend.description);
      const report = await writeRunReport({
        dir: folder.dir,
        summary,
        metrics: result.metrics,
        classNames: data.classNames,
        test: result.test,
        testImages: data.test,
        normalization: data.normalization,
        network: result.network,
      });
      stdout(`\n${summaryTables(summary)}\nrun folder: ${folder.dir}  (report: ${report})\n`);
    } finally {
      result.network.dispose();
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`error: ${error.message}\n`);
      return 2;
    }
    if (controller.signal.aborted) {
      stderr(`Stopped. Continue with: deno task train --out ${folder.dir} --resume\n`);
      return 130;
    }
    stderr(`error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
