/**
 * Runs a study: every cell for every seed as an ordinary run folder under the study folder
 * (`<out>/<cell>/seed-<n>`), then the table. Finished runs are read back, interrupted ones resume from their
 * checkpoint, so a stopped study continues where it stopped.
 * @module
 */
import type { DatasetSplits } from "../config/labeled_images.ts";
import { type StudyPlan, studyRuns } from "../config/study_plan.ts";
import type { RunSummary } from "../report/run_summary.ts";
import { RUN_FILES, RunFolder } from "../run/run_folder.ts";
import type { StepEngineFactory } from "../training/train_in_memory.ts";
import { runCell } from "./run_cell.ts";
import type { StudyEvent } from "./study_events.ts";
import { type StudyResults, type StudyRunRecord, summarizeStudy } from "./study_results.ts";
import { writeStudyReport } from "./study_report.ts";

/** Options of {@linkcode runStudy}. */
export interface StudyOptions {
  /** The study. */
  readonly study: StudyPlan;
  /** The study folder. */
  readonly out: string;
  /** Seeds per cell instead of the study's. */
  readonly seeds?: number;
  /** Epochs per run instead of the study's budget. */
  readonly epochs?: number;
  /** Training images per run instead of the study's budget. */
  readonly limit?: number;
  /** Only these cells (default: all). */
  readonly cells?: readonly string[];
  /** Loads a dataset by name (called once per dataset). */
  readonly loadData: (dataset: string) => Promise<DatasetSplits>;
  /** Where steps run (e.g. the worker engine, one thread per core); default this thread. */
  readonly engine?: StepEngineFactory;
  /** Backend description, for the summaries. */
  readonly backend: string;
  /** Images per evaluation pass. */
  readonly evalBatchSize?: number;
  /** Stops between steps; the run in progress keeps its last epoch's checkpoint. */
  readonly signal?: AbortSignal;
  /** Progress. */
  readonly onEvent?: (event: StudyEvent) => void;
  /**
   * A folder of other studies (e.g. `runs/ablations`): a run whose exact config (seed included) finished there
   * already is copied instead of trained again, so the reference cell that several studies share trains once.
   */
  readonly reuseFrom?: string;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(path)) as T;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new Error(`Cannot read "${path}": ${(error as Error).message}; delete its run folder to rerun it`);
  }
}

/** Finds a finished run folder `<root>/<study>/<cell>/seed-<n>` whose config equals `config`. */
async function findFinished(
  root: string,
  config: unknown,
  seed: number,
  skip: string,
): Promise<string | undefined> {
  const want = JSON.stringify(config);
  const list = async (dir: string) => {
    try {
      return (await Array.fromAsync(Deno.readDir(dir))).filter((e) => e.isDirectory).map((e) => e.name)
        .sort();
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return [];
      throw error;
    }
  };
  for (const study of await list(root)) {
    for (const cell of await list(`${root}/${study}`)) {
      const dir = `${root}/${study}/${cell}/seed-${seed}`;
      if (dir === skip) continue;
      const summary = await readJson<RunSummary>(`${dir}/${RUN_FILES.summary}`).catch(() => undefined);
      if (summary && JSON.stringify(summary.config) === want) return dir;
    }
  }
  return undefined;
}

async function copyRun(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  // The summary last: a copy interrupted before it is not mistaken for a finished run.
  const names: string[] = Object.values(RUN_FILES).filter((n: string) => n !== RUN_FILES.summary);
  names.push(RUN_FILES.summary);
  for (const name of names) {
    try {
      await Deno.copyFile(`${from}/${name}`, `${to}/${name}`);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
}

const wallOf = async (folder: RunFolder) =>
  (await folder.readMetrics()).reduce((s, m) => s + m.trainSeconds + m.evalSeconds, 0);

/**
 * Runs the study and writes `results.json`, `results.md` and `results.html` into `out` after every run.
 *
 * @param options The study, folder, data loader, engine and callbacks.
 * @returns The final table.
 * @throws Error when a run folder holds a finished run of another config (the budget changed): it names the
 *   folder to delete or the `out` to change.
 */
export async function runStudy(options: StudyOptions): Promise<StudyResults> {
  const { study, out } = options;
  const emit = options.onEvent ?? (() => {});
  const budget = { seeds: options.seeds, epochs: options.epochs, limit: options.limit };
  const unknown = options.cells?.find((name) => !study.cells.some((c) => c.name === name));
  if (unknown) {
    throw new RangeError(
      `study "${study.name}" has no cell "${unknown}"; its cells: ${
        study.cells.map((c) => c.name).join(", ")
      }`,
    );
  }
  const specs = studyRuns(study, budget).filter((s) => !options.cells || options.cells.includes(s.cell.name));
  const facts = {
    budget: {
      epochs: options.epochs ?? study.budget.epochs,
      limit: options.limit ?? study.budget.limit,
    },
    seeds: options.seeds ?? study.seeds,
    planned: specs.length,
  };
  const datasets = new Map<string, DatasetSplits>();
  const records: StudyRunRecord[] = [];
  let results = summarizeStudy(study, records, facts);
  for (const [i, spec] of specs.entries()) {
    options.signal?.throwIfAborted();
    const dir = `${out}/${spec.cell.name}/seed-${spec.seed}`;
    const position = { cell: spec.cell.name, seed: spec.seed, index: i + 1, total: specs.length, dir };
    const folder = new RunFolder(dir);
    if (options.reuseFrom && !(await folder.findCheckpoint())) {
      const source = await findFinished(options.reuseFrom, spec.config, spec.seed, dir);
      if (source) await copyRun(source, dir);
    }
    const done = await readJson<RunSummary>(folder.path(RUN_FILES.summary));
    let summary: RunSummary;
    if (done) {
      if (JSON.stringify(done.config) !== JSON.stringify(spec.config)) {
        throw new Error(
          `"${dir}" holds a finished run of another config (the study or its budget changed); delete the ` +
            `folder to rerun it, or pass another --out`,
        );
      }
      emit({ type: "run-skip", ...position });
      summary = done;
    } else {
      const resume = (await folder.findCheckpoint()) !== undefined;
      emit({ type: "run-start", ...position, resumed: resume });
      const dataset = spec.config.dataset;
      if (!datasets.has(dataset)) datasets.set(dataset, await options.loadData(dataset));
      summary = await runCell({
        config: spec.config,
        data: datasets.get(dataset)!,
        dir,
        resume,
        engine: options.engine,
        backend: options.backend,
        evalBatchSize: options.evalBatchSize,
        signal: options.signal,
        onEvent: (event) => emit({ type: "train", ...position, event }),
      });
    }
    const record = { cell: spec.cell.name, seed: spec.seed, dir, summary, wallSeconds: await wallOf(folder) };
    records.push(record);
    results = summarizeStudy(study, records, facts);
    const paths = await writeStudyReport(out, results);
    const best = summary.strategies.find((s) => s.strategy === "best")?.testAccuracy ?? NaN;
    if (!done) {
      emit({
        type: "run-end",
        ...position,
        bestAccuracy: best,
        wallSeconds: record.wallSeconds,
        results,
        paths,
      });
    }
  }
  return results;
}
