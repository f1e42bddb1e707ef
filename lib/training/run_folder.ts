/**
 * The files of a run folder: `config.json` (the fully resolved config, so the run can be replayed),
 * `metrics.jsonl` (one JSON object per epoch) and `checkpoint.asge` (the state after the last epoch). Every
 * file is written atomically.
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import { atomicWrite } from "../util/atomic_write.ts";
import type { EpochMetrics } from "./epoch_metrics.ts";

/** File names inside a run folder. */
export const RUN_FILES = {
  config: "config.json",
  metrics: "metrics.jsonl",
  checkpoint: "checkpoint.asge",
  model: "model.asge",
  bestModel: "model-best.asge",
  summary: "summary.json",
  report: "report.html",
} as const;

/** A run folder on disk. */
export class RunFolder {
  /** The folder's path. */
  readonly dir: string;

  /**
   * Creates the object.
   * @param dir Folder path; created on first write.
   */
  constructor(dir: string) {
    this.dir = dir;
  }

  /** Joins a file name onto the folder. */
  path(name: string): string {
    return `${this.dir}/${name}`;
  }

  /** Returns the checkpoint's path when one exists. */
  async findCheckpoint(): Promise<string | undefined> {
    const path = this.path(RUN_FILES.checkpoint);
    try {
      await Deno.stat(path);
      return path;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
  }

  /** Returns where to write the checkpoint (creating the folder). */
  async checkpointPath(): Promise<string> {
    await Deno.mkdir(this.dir, { recursive: true });
    return this.path(RUN_FILES.checkpoint);
  }

  /** Reads `config.json`; throws naming the file when absent or not JSON. */
  async readConfig(): Promise<RunConfig> {
    const path = this.path(RUN_FILES.config);
    try {
      return JSON.parse(await Deno.readTextFile(path)) as RunConfig;
    } catch (error) {
      throw new Error(`Cannot read the run's config "${path}": ${(error as Error).message}`);
    }
  }

  /** Writes `config.json`. */
  async writeConfig(config: RunConfig): Promise<void> {
    await Deno.mkdir(this.dir, { recursive: true });
    await atomicWrite(this.path(RUN_FILES.config), JSON.stringify(config, null, 2) + "\n");
  }

  /** Rewrites `metrics.jsonl` with every epoch so far. */
  async writeMetrics(metrics: readonly EpochMetrics[]): Promise<void> {
    await Deno.mkdir(this.dir, { recursive: true });
    await atomicWrite(this.path(RUN_FILES.metrics), metrics.map((m) => JSON.stringify(m) + "\n").join(""));
  }

  /** Reads `metrics.jsonl` (empty when absent). */
  async readMetrics(): Promise<EpochMetrics[]> {
    try {
      const text = await Deno.readTextFile(this.path(RUN_FILES.metrics));
      return text.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return [];
      throw error;
    }
  }

  /**
   * Refuses to resume a checkpoint under a different config (only `epochs` may grow).
   *
   * @param saved The checkpoint's config.
   * @param current The config asked for now.
   */
  assertSameConfig(saved: RunConfig, current: RunConfig): void {
    const strip = (c: RunConfig) => JSON.stringify({ ...c, epochs: 0 });
    if (strip(saved) !== strip(current)) {
      throw new Error(
        `The checkpoint in "${this.dir}" was made with another config; resume with the same flags ` +
          `(see ${RUN_FILES.config}) or choose a new --out folder`,
      );
    }
  }
}
