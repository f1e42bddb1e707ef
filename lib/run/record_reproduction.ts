/**
 * The last step of `deno task reproduce:*`: `results.md` and `results.json` beside the finished run, under the
 * run folder's lock like every other write to it.
 * @module
 */
import type { Reproduction } from "../config/reproductions.ts";
import {
  type ReproductionInput,
  reproductionMarkdown,
  type ReproductionResults,
  reproductionResults,
} from "../report/reproduction_results.ts";
import { RunFolder } from "./run_folder.ts";
import { RunLock } from "./run_lock.ts";

/**
 * Builds a reproduction's results and writes them into its run folder.
 *
 * @param runDir The finished run's folder.
 * @param reproduction The row of the paper's table that was run.
 * @param input The run's config, summary, metrics, image counts and timings.
 * @param command The command line, for the record.
 * @returns The results and the two paths.
 */
export async function recordReproduction(
  runDir: string,
  reproduction: Reproduction,
  input: ReproductionInput,
  command: string,
): Promise<{ results: ReproductionResults; markdown: string; json: string }> {
  const results = reproductionResults(reproduction, input, command);
  const lock = await RunLock.acquire(runDir);
  try {
    const paths = await new RunFolder(runDir).writeResults(reproductionMarkdown(results), results);
    return { results, ...paths };
  } finally {
    lock.release();
  }
}
