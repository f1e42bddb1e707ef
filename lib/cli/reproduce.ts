/**
 * `deno task reproduce:<dataset>`: one command per row of the paper's table. Trains the paper-scale preset for the
 * dataset (resumable with --resume), then writes `results.md` and `results.json` (every strategy and block next to
 * the paper's number, the gap, top-5 for ImageNet, wall time and images/s) beside `report.html` in the run folder.
 * Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (continue with --resume).
 * @module
 */
import { REPRODUCTIONS } from "../config/reproductions.ts";
import { recordReproduction } from "../run/record_reproduction.ts";
import { RunFolder } from "../run/run_folder.ts";
import { runFromCli } from "./cli_run.ts";
import { type Command, runCommand } from "./command.ts";
import {
  parseReproduceArgs,
  REPRODUCE_FLAGS,
  REPRODUCE_USAGE,
  type ReproduceRequest,
} from "./reproduce_args.ts";
import { summaryTables } from "./summary_tables.ts";
import { stderr, stdout } from "./terminal_output.ts";

/** The command line of a reproduction, for results.md and the "continue with" hint. */
function commandLine(request: ReproduceRequest, args: readonly string[]): string {
  const at = args.indexOf(request.dataset);
  return `deno task reproduce:${request.dataset} ${args.filter((_, i) => i !== at).join(" ")}`.trimEnd();
}

function reproduce(args: readonly string[]): Command<ReproduceRequest> {
  return {
    usage: REPRODUCE_USAGE,
    flags: REPRODUCE_FLAGS,
    parse: parseReproduceArgs,
    interruptNotice:
      "Interrupt: stopping after this step; the last epoch's checkpoint (and a partial cache) is kept.",
    async stopped(request) {
      // Stopped while building a cache there is no checkpoint yet: the same command continues the build.
      const trained = await new RunFolder(request.out).findCheckpoint();
      const again = commandLine(request, args);
      return `Stopped. Continue with: ${trained && !request.resume ? `${again} --resume` : again}`;
    },
    async run(request, signal) {
      const outcome = await runFromCli(request, {
        write: stderr,
        interactive: Deno.stderr.isTerminal(),
        signal,
      });
      const files = await recordReproduction(
        request.out,
        REPRODUCTIONS[request.dataset],
        outcome,
        commandLine(request, args),
      );
      stdout(
        `\n${
          summaryTables(outcome.summary)
        }\nresults: ${files.markdown} and ${files.json}\nreport: ${outcome.reportPath}\n`,
      );
    },
  };
}

/**
 * Runs the command.
 *
 * @param args Command-line arguments: the dataset, then flags.
 * @returns The exit code.
 */
export function main(args: readonly string[]): Promise<number> {
  return runCommand(reproduce(args), args);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
