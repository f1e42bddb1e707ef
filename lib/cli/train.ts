/**
 * `deno task train`: trains an ASGE network from the command line, with a progress bar, a run folder
 * (config, metrics, checkpoints, models, report) and a final summary table.
 * Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (resume with --resume).
 * @module
 */
import { RunFolderError } from "../run/run_error.ts";
import { RunFolder } from "../run/run_folder.ts";
import { runFromCli } from "./cli_run.ts";
import { summaryTables } from "./summary_tables.ts";
import { parseTrainArgs, TRAIN_USAGE } from "./train_args.ts";
import { UsageError } from "./usage_error.ts";
import { stderr, stdout } from "./terminal_output.ts";

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
    const outcome = await runFromCli(request, {
      write: stderr,
      interactive: Deno.stderr.isTerminal(),
      signal: controller.signal,
    });
    stdout(
      `\n${summaryTables(outcome.summary)}\nrun folder: ${folder.dir}  (report: ${outcome.reportPath})\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RunFolderError) {
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
