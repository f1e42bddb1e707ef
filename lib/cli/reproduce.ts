/**
 * `deno task reproduce:<dataset>`: one command per row of the paper's table. Trains the paper-scale preset for the
 * dataset (resumable with --resume), then writes `results.md` and `results.json` (every strategy and block next to
 * the paper's number, the gap, top-5 for ImageNet, wall time and images/s) beside `report.html` in the run folder.
 * Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (continue with --resume).
 * @module
 */
import { REPRODUCTIONS } from "../config/reproductions.ts";
import { recordReproduction } from "../run/record_reproduction.ts";
import { RunFolderError } from "../run/run_error.ts";
import { RunFolder } from "../run/run_folder.ts";
import { parseReproduceArgs, REPRODUCE_USAGE } from "./reproduce_args.ts";
import { runFromCli } from "./cli_run.ts";
import { summaryTables } from "./summary_tables.ts";
import { UsageError } from "./usage_error.ts";
import { stderr, stdout } from "./terminal_output.ts";

/**
 * Runs the command.
 *
 * @param args Command-line arguments: the dataset, then flags.
 * @returns The exit code.
 */
export async function main(args: string[]): Promise<number> {
  let request;
  try {
    request = parseReproduceArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr(`error: ${error.message}\n`);
    return 2;
  }
  if (request === "help") {
    stdout(REPRODUCE_USAGE + "\n");
    return 0;
  }
  const controller = new AbortController();
  const onSignal = () => {
    stderr(
      "\nInterrupt: stopping after this step; the last epoch's checkpoint (and a partial cache) is kept.\n",
    );
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  try {
    const outcome = await runFromCli(request, {
      write: stderr,
      interactive: Deno.stderr.isTerminal(),
      signal: controller.signal,
    });
    const command = `deno task reproduce:${request.dataset} ${args.slice(1).join(" ")}`.trimEnd();
    const files = await recordReproduction(request.out, REPRODUCTIONS[request.dataset], outcome, command);
    stdout(
      `\n${
        summaryTables(outcome.summary)
      }\nresults: ${files.markdown} and ${files.json}\nreport: ${outcome.reportPath}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof RunFolderError) {
      stderr(`error: ${error.message}\n`);
      return 2;
    }
    if (controller.signal.aborted) {
      // Stopped while building a cache there is no checkpoint yet: the same command continues the build.
      const trained = await new RunFolder(request.out).findCheckpoint();
      const again = `deno task reproduce:${request.dataset} ${args.slice(1).join(" ")}`.trimEnd();
      stderr(`Stopped. Continue with: ${trained && !request.resume ? `${again} --resume` : again}\n`);
      return 130;
    }
    stderr(`error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
