/**
 * `deno task ablate`: runs an ablation study (a table of `lib/config/studies.ts`) and writes its table as
 * Markdown, JSON and HTML into the study folder. Every run is an ordinary run folder; rerunning the command
 * skips finished runs and resumes an interrupted one.
 * Exit codes: 0 done, 1 a run failed, 2 bad arguments, 130 interrupted (run the same command to continue).
 * @module
 */
import { loadDataset } from "../../datasets/load_dataset.ts";
import { type BackendName, useBackend } from "../backend/backends.ts";
import { STUDIES, STUDY_NAMES } from "../config/studies.ts";
import { workerEngine } from "../parallel/worker_step_engine.ts";
import type { StudyEvent } from "../study/study_events.ts";
import { runStudy } from "../study/run_study.ts";
import { studyMarkdown } from "../study/study_report.ts";
import { type Command, runCommand } from "./command.ts";
import { datasetEventView } from "./dataset_event_view.ts";
import { defaultWorkers } from "./default_workers.ts";
import { type Flag, parseFlags, usageText } from "./flag_table.ts";
import { formatDuration as duration, formatPercent } from "../util/text_format.ts";
import { progressView, type TextSink } from "./progress_view.ts";
import { BACKEND_FLAG } from "./run_flags.ts";
import { stderr, stdout } from "./terminal_output.ts";
import { UsageError } from "./usage_error.ts";

/** The flags of `deno task ablate`. */
export const ABLATE_FLAGS: readonly Flag[] = [
  { name: "study", type: "string", value: "NAME", help: "the study", choices: STUDY_NAMES },
  {
    name: "seeds",
    type: "int",
    value: "N",
    min: 1,
    help: "seeds per cell",
    defaultHelp: "the study's, >= 3",
  },
  {
    name: "epochs",
    type: "int",
    value: "N",
    min: 1,
    help: "epochs per run",
    defaultHelp: "the study's budget",
  },
  {
    name: "limit",
    type: "int",
    value: "N",
    min: 0,
    help: "training images per run (0: all)",
    defaultHelp: "the study's",
  },
  { name: "cells", type: "string", value: "A,B", help: "only these cells", defaultHelp: "all" },
  BACKEND_FLAG,
  {
    name: "workers",
    type: "int",
    value: "N",
    min: 1,
    help: "training threads per run",
    defaultHelp: "one per core on wasm/cpu",
  },
  { name: "data-dir", type: "string", value: "DIR", help: "folder holding the dataset files" },
  {
    name: "out",
    type: "string",
    value: "DIR",
    help: "study folder; a run with the same config finished in a sibling study folder is copied",
    defaultHelp: "runs/ablations/<study>",
  },
  { name: "list", type: "boolean", default: false, help: "list the studies and their cells" },
];

/** The help text. */
export const ABLATE_USAGE: string = usageText("Usage: deno task ablate --study NAME [flags]", ABLATE_FLAGS);

/** What the user asked for. */
export interface AblateRequest {
  /** Study name (absent with `list`). */
  readonly study: string;
  /** Seeds per cell. */
  readonly seeds?: number;
  /** Epochs per run. */
  readonly epochs?: number;
  /** Training images per run. */
  readonly limit?: number;
  /** Only these cells. */
  readonly cells?: string[];
  /** Backend. */
  readonly backend: BackendName;
  /** Training threads (absent: one per core on wasm/cpu, decided once the backend runs). */
  readonly workers?: number;
  /** Dataset folder. */
  readonly dataDir?: string;
  /** Study folder. */
  readonly out: string;
  /** List the studies instead of running one. */
  readonly list: boolean;
}

/**
 * Parses the flags.
 *
 * @param args Command-line arguments.
 * @returns The request or `"help"`; throws {@linkcode UsageError} on bad input.
 * @example
 * ```ts
 * import { parseAblateArgs } from "./ablate.ts";
 * const request = parseAblateArgs(["--study", "first-block", "--seeds", "3"]);
 * if (request === "help" || request.out !== "runs/ablations/first-block" || request.seeds !== 3) {
 *   throw new Error("parse");
 * }
 * ```
 */
export function parseAblateArgs(args: readonly string[]): AblateRequest | "help" {
  const { values } = parseFlags(ABLATE_FLAGS, args);
  if (values.help) return "help";
  const list = values.list === true;
  const study = values.study as string | undefined;
  if (!study && !list) throw new UsageError(`--study is required; choose one of: ${STUDY_NAMES.join(", ")}`);
  return {
    study: study ?? "",
    seeds: values.seeds as number | undefined,
    epochs: values.epochs as number | undefined,
    limit: values.limit as number | undefined,
    cells: (values.cells as string | undefined)?.split(",").map((c) => c.trim()).filter(Boolean),
    backend: values.backend as BackendName,
    workers: values.workers as number | undefined,
    dataDir: values["data-dir"] as string | undefined,
    out: (values.out as string | undefined) ?? `runs/ablations/${study}`,
    list,
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
        write(`${where}: best ${formatPercent(event.bestAccuracy)} in ${duration(event.wallSeconds)}\n`);
        break;
    }
  };
}

const ablate: Command<AblateRequest> = {
  usage: ABLATE_USAGE,
  flags: ABLATE_FLAGS,
  parse: parseAblateArgs,
  interruptNotice: "Interrupt: stopping after this step; run the same command to continue.",
  stopped: () => "Stopped. Continue with the same command: finished runs are kept, the last one resumes.",
  async run(request, signal) {
    if (request.list) {
      for (const study of Object.values(STUDIES)) {
        stdout(`${study.name}: ${study.question}\n  cells: ${study.cells.map((c) => c.name).join(", ")}\n`);
      }
      return;
    }
    const backend = await useBackend(request.backend);
    const workers = request.workers ?? defaultWorkers(backend.name);
    const description = `${backend.description}; ${workers} training thread${workers > 1 ? "s" : ""}`;
    stderr(`study ${request.study} -> ${request.out}\nbackend: ${description}\n`);
    const datasetView = datasetEventView(stderr);
    const slash = request.out.lastIndexOf("/");
    const results = await runStudy({
      study: STUDIES[request.study],
      out: request.out,
      seeds: request.seeds,
      epochs: request.epochs,
      limit: request.limit,
      cells: request.cells,
      backend: description,
      engine: workers > 1 ? workerEngine(workers, backend.name) : undefined,
      signal,
      reuseFrom: slash > 0 ? request.out.slice(0, slash) : ".",
      loadData: (dataset) =>
        loadDataset(dataset as Parameters<typeof loadDataset>[0], {
          dataDir: request.dataDir,
          signal,
          onEvent: datasetView,
        }),
      onEvent: studyView(stderr, Deno.stderr.isTerminal()),
    });
    stdout(`\n${studyMarkdown(results)}\ntables: ${request.out}/results.{md,json,html}\n`);
  },
};

/**
 * Runs the command.
 *
 * @param args Command-line arguments.
 * @returns The exit code.
 */
export function main(args: readonly string[]): Promise<number> {
  return runCommand(ablate, args);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
