/**
 * The run folder, and the one module that writes it: `config.json` (the fully resolved config, so the run can
 * be replayed), `metrics.jsonl` (one JSON object per epoch), `checkpoint.asge` (the state after the last good
 * epoch), `model.asge` and `model-best.asge`, `summary.json`, `report.html`, and a reproduction's
 * `results.md` / `results.json`. Every file is written atomically (temp file, fsync, rename); the builders in
 * `lib/report` and the encoders in `lib/model` and `lib/training` hand it data.
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import { encodeNetwork } from "../model/model_file.ts";
import type { BlockOptimizer } from "../training/block_optimizer.ts";
import { type CheckpointHeader, encodeCheckpoint, restoreCheckpoint } from "../training/checkpoint.ts";
import type { EpochMetrics } from "../training/epoch_metrics.ts";
import { atomicWrite } from "../util/atomic_write.ts";
import { readTextFileIfExists, statIfExists } from "../util/file_exists.ts";
import { RunFolderError } from "./run_error.ts";

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

/** File names a reproduction adds. */
export const RESULT_FILES = { markdown: "results.md", json: "results.json" } as const;

/** A run folder on disk: reads anyone may do, and the writes of the run that holds its lock. */
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
    return (await statIfExists(path)) === undefined ? undefined : path;
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

  /** Reads `metrics.jsonl` (empty when absent). */
  async readMetrics(): Promise<EpochMetrics[]> {
    const text = await readTextFileIfExists(this.path(RUN_FILES.metrics));
    return (text ?? "").split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
  }

  /**
   * Restores the checkpoint into a fresh network and its optimizers, refusing one made under another config
   * (only `epochs` may differ).
   *
   * @param config The config asked for now.
   * @param network Network built from it.
   * @param optimizers Its optimizers.
   * @returns The checkpoint's header, or undefined when the folder holds none.
   */
  async restoreCheckpoint(
    config: RunConfig,
    network: AsgeNetwork,
    optimizers: readonly BlockOptimizer[],
  ): Promise<CheckpointHeader | undefined> {
    const path = await this.findCheckpoint();
    if (!path) return undefined;
    const bytes = await Deno.readFile(path);
    const strip = (c: RunConfig) => JSON.stringify({ ...c, epochs: 0 });
    const header = restoreCheckpoint(bytes, path, network, optimizers);
    if (strip(header.config) !== strip(config)) {
      throw new RunFolderError(
        this.dir,
        "other-config",
        `The checkpoint in "${this.dir}" was made with another config; resume with the same flags ` +
          `(see ${RUN_FILES.config}) or choose a new --out folder`,
      );
    }
    return header;
  }

  /** Writes `config.json`. */
  async writeConfig(config: RunConfig): Promise<void> {
    await this.#write(RUN_FILES.config, JSON.stringify(config, null, 2) + "\n");
  }

  /** Rewrites `metrics.jsonl` with every epoch so far. */
  async writeMetrics(metrics: readonly EpochMetrics[]): Promise<void> {
    await this.#write(RUN_FILES.metrics, metrics.map((m) => JSON.stringify(m) + "\n").join(""));
  }

  /**
   * Writes `checkpoint.asge` after the last epoch of `metrics`.
   *
   * @returns The checkpoint's path.
   */
  async writeCheckpoint(
    config: RunConfig,
    network: AsgeNetwork,
    optimizers: readonly BlockOptimizer[],
    metrics: readonly EpochMetrics[],
  ): Promise<string> {
    const bytes = await encodeCheckpoint(network, optimizers, { epoch: metrics.length, config, metrics });
    return await this.#write(RUN_FILES.checkpoint, bytes);
  }

  /**
   * Writes a model file: `model.asge` (the whole network) or `model-best.asge` (Best's truncated network).
   *
   * @returns The model's path.
   */
  async writeModel(
    which: "model" | "bestModel",
    network: AsgeNetwork,
    seed: number,
    meta: Record<string, unknown>,
  ): Promise<string> {
    return await this.#write(RUN_FILES[which], await encodeNetwork(network, seed, meta));
  }

  /** Writes `summary.json`; returns its path. */
  async writeSummary(summary: unknown): Promise<string> {
    return await this.#write(RUN_FILES.summary, JSON.stringify(summary, null, 2) + "\n");
  }

  /** Writes `report.html`; returns its path. */
  async writeReport(html: string): Promise<string> {
    return await this.#write(RUN_FILES.report, html);
  }

  /** Writes a reproduction's `results.md` and `results.json`; returns their paths. */
  async writeResults(markdown: string, results: unknown): Promise<{ markdown: string; json: string }> {
    return {
      markdown: await this.#write(RESULT_FILES.markdown, markdown),
      json: await this.#write(RESULT_FILES.json, JSON.stringify(results, null, 2) + "\n"),
    };
  }

  async #write(name: string, data: string | Uint8Array): Promise<string> {
    await Deno.mkdir(this.dir, { recursive: true });
    const path = this.path(name);
    await atomicWrite(path, data);
    return path;
  }
}
