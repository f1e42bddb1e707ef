/**
 * `deno task train`: trains an ASGE network from the command line, with a progress bar, a run folder
 * (config, metrics, checkpoints, models, report) and a final summary table.
 * Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (resume with --resume).
 * @module
 */
import { runFromCli } from "./cli_run.ts";
import { type Command, runCommand } from "./command.ts";
import { summaryTables } from "./summary_tables.ts";
import { stderr, stdout } from "./terminal_output.ts";
import { parseTrainArgs, TRAIN_FLAGS, TRAIN_USAGE, type TrainCommandRequest } from "./train_args.ts";

const train: Command<TrainCommandRequest> = {
  usage: TRAIN_USAGE,
  flags: TRAIN_FLAGS,
  parse: parseTrainArgs,
  interruptNotice: "Interrupt: stopping after this step; the last epoch's checkpoint is kept.",
  stopped: (request) => `Stopped. Continue with: deno task train --out ${request.out} --resume`,
  async run(request, signal) {
    const outcome = await runFromCli(request, {
      write: stderr,
      interactive: Deno.stderr.isTerminal(),
      signal,
    });
    stdout(
      `\n${summaryTables(outcome.summary)}\nrun folder: ${request.out}  (report: ${outcome.reportPath})\n`,
    );
  },
};

/**
 * Runs the command.
 *
 * @param args Command-line arguments.
 * @returns The exit code.
 */
export function main(args: readonly string[]): Promise<number> {
  return runCommand(train, args);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
