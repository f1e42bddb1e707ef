/**
 * `deno task ablate`: runs an ablation study (a table of `lib/config/studies.ts`) and writes its table as
 * Markdown, JSON and HTML into the study folder. Every run is an ordinary run folder; rerunning the command
 * skips finished runs and resumes an interrupted one.
 * Exit codes: 0 done, 1 a run failed, 2 bad arguments, 130 interrupted (run the same command to continue).
 * @module
 */
import { parseArgs } from "node:util";
import { loadDataset } from "../../datasets/load_dataset.ts";
import { type BackendName, useBackend } from "../backend/backends.ts";
import { STUDIES, STUDY_NAMES } from "../config/studies.ts";
import { workerEngine } from "../parallel/worker_step_engine.ts";
import type { StudyEvent } from "../study/study_events.ts";
import { runStudy } from "../study/run_study.ts";
import { studyMarkdown } from "../study/study_report.ts";
import { datasetEventView } from "./dataset_event_view.ts";
import { duration, percent } from "./format_table.ts";
import { progressView, type TextSink } from "./progress_view.ts";
import { stderr, stdout } from "./terminal_output.ts";
import { CLI_BACKENDS, defaultWorkers } from "./train_args.ts";
import { choiceFlag, intFlag, UsageError } from "./usage_error.ts";

/** The help text. */
export const ABLATE_USAGE = `Usage: deno task ablate --study NAME [flags]
  --study NAME     ${STUDY_NAMES.join(" | ")}
  --seeds N        seeds per cell (study's by default, at least 3)
  --epochs N       epochs per run (study's budget by default)
  --limit N        training images per run (study's budget by default; 0 for all)
  --cells A,B      only these cells
  --backend NAME   ${CLI_BACKENDS.join(" | ")} (default wasm)
  --workers N      training threads per run (default: one per core for wasm/cpu)
  --data-dir DIR   folder holding the dataset files
  --out DIR        study folder (default runs/ablations/<study>); a run with the same config finished in a
                   sibling study folder is copied, not trained again
  --list           list the studies and their cells
  --help           this text`;

/** What the user asked for. */
export interface AblateRequest {
  /** Study name. */
  readonly study: string;
  /** Budget overrides. */
  readonly seeds?: number;
  /** Epochs per run. */
  readonly epochs?: number;
  /** Training images per run. */
  readonly limit?: number;
  /** Only these cells. */
  readonly cells?: string[];
  /** Backend. */
  readonly backend: BackendName;
  /** Training threads. */
  readonly workers: number;
  /** Dataset folder. */
  readonly dataDir?: string;
  /** Study folder. */
  readonly out: string;
}

/**
 * Parses the flags.
 *
 * @param args Command-line arguments.
 * @returns The request, `"help"` or `"list"`; throws {@linkcode UsageError} on bad input.
 */
export function parseAblateArgs(args: string[]): AblateRequest | "help" | "list" {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        study: { type: "string" },
        seeds: { type: "string" },
        epochs: { type: "string" },
        limit: { type: "string" },
        cells: { type: "string" },
        backend: { type: "string", default: "wasm" },
        workers: { type: "string" },
        "data-dir": { type: "string" },
        out: { type: "string" },
        list: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help`);
  }
  if (values.help) return "help";
  if (values.list) return "list";
  if (!values.study) throw new UsageError(`--study is required; choose one of: ${STUDY_NAMES.join(", ")}`);
  const study = choiceFlag("--study", values.study, STUDY_NAMES);
  const backend = choiceFlag("--backend", values.backend!, CLI_BACKENDS);
  return {
    study,
    seeds: intFlag("--seeds", values.seeds, 1),
    epochs: intFlag("--epochs", values.epochs, 1),
    limit: intFlag("--limit", values.limit, 0),
    cells: values.cells?.split(",").map((c) => c.trim()).filter(Boolean),
    backend,
    workers: intFlag("--workers", values.workers, 1) ?? defaultWorkers(backend),
    dataDir: values["data-dir"],
    out: values.out ?? `runs/ablations/${study}`,
  };
}

function studyView(write: TextSink, interactive: boolean): (event: StudyEvent) => void {
  let train = progressView(write, interactive);
  return (event) => {
    const where = `[${event.index}/${event.total}] ${event.cell} seed ${event.seed}`;
    switch (event.type) {
      case "run-skip":
        write(`${where}: finished earlier (or in a sibling study), read back from ${event.dir}\n`);
        break;
      case "run-start":
        train = progressView(write, interactive);
        write(`${where}: ${event.resumed ? "resuming" : "training"} in ${event.dir}\n`);
        break;
      case "train":
        if (event.event.type !== "start") train(event.event);
        break;
      case "run-end":
        write(`${where}: best ${percent(event.bestAccuracy)} in ${duration(event.wallSeconds)}\n`);
        break;
    }
  };
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
    request = parseAblateArgs(args);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (request === "help") {
    stdout(ABLATE_USAGE + "\n");
    return 0;
  }
  if (request === "list") {
    for (const study of Object.values(STUDIES)) {
      stdout(`${study.name}: ${study.question}\n  cells: ${study.cells.map((c) => c.name).join(", ")}\n`);
    }
    return 0;
  }
  const controller = new AbortController();
  const onSignal = () => {
    stderr("\nInterrupt: stopping after this step; run the same command to continue.\n");
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  try {
    const backend = await useBackend(request.backend);
    const workers = request.workers;
    const description = `${backend.description}; ${workers} training thread${workers > 1 ? "s" : ""}`;
    stderr(`study ${request.study} -> ${request.out}\nbackend: ${description}\n`);
    const datasetView = datasetEventView(stderr);
    const results = await runStudy({
      study: STUDIES[request.study],
      out: request.out,
      seeds: request.seeds,
      epochs: request.epochs,
      limit: request.limit,
      cells: request.cells,
      backend: description,
      engine: workers > 1 ? workerEngine(workers, backend.name) : undefined,
      signal: controller.signal,
      reuseFrom: request.out.includes("/") ? request.out.slice(0, request.out.lastIndexOf("/")) : ".",
      loadData: (dataset) =>
        loadDataset(dataset as Parameters<typeof loadDataset>[0], {
          dataDir: request.dataDir,
          offline: true,
          signal: controller.signal,
          onEvent: datasetView,
        }),
      onEvent: studyView(stderr, Deno.stderr.isTerminal()),
    });
    stdout(`\n${studyMarkdown(results)}\ntables: ${request.out}/results.{md,json,html}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError) {
      stderr(`error: ${error.message}\n`);
      return 2;
    }
    if (controller.signal.aborted) {
      stderr(`Stopped. Continue with the same command.\n`);
      return 130;
    }
    stderr(`error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
