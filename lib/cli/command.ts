/**
 * The one shape of every command's `main()`: parse the flags, print help, run with Ctrl-C wired to an
 * AbortSignal, and turn the outcome into an exit code: 0 done, 1 the run failed, 2 bad arguments (flags, or a
 * run folder that does not fit them), 130 interrupted. Config errors come back under the flag that set the
 * field.
 * @module
 */
import { ConfigError } from "../config/config_error.ts";
import { RunFolderError } from "../run/run_error.ts";
import { type Flag, flagsOfFields, usageErrorFor } from "./flag_table.ts";
import { stderr, stdout } from "./terminal_output.ts";
import { UsageError } from "./usage_error.ts";

/** What a command provides; {@linkcode runCommand} does the rest. */
export interface Command<R> {
  /** The help text. */
  readonly usage: string;
  /** Its flag table, to name flags in config errors. */
  readonly flags: readonly Flag[];
  /** Parses the arguments; throws `UsageError`. */
  parse(args: readonly string[]): R | "help";
  /** Does the work; prints results itself. */
  run(request: R, signal: AbortSignal): Promise<void>;
  /** Printed when Ctrl-C arrives (the run stops after the current step). */
  readonly interruptNotice?: string;
  /** The line printed once an interrupted run has stopped, e.g. how to continue. */
  stopped?(request: R): Promise<string> | string;
}

/** A run-folder error in the command's words: overrides on resume name their flags. */
function folderMessage(flags: readonly Flag[], error: RunFolderError): string {
  if (error.problem !== "override-on-resume") return error.message;
  const named = flagsOfFields(flags, error.fields);
  const byFlag = named.filter((n) => n.startsWith("--"));
  const fields = named.filter((n) => !n.startsWith("--")).map((f) => `this command's ${f}`);
  const fix = fields.length
    ? `Choose the --out folder of a run of this command, or a new one`
    : `Drop ${byFlag.join(", ")}, or start a new run with another --out folder`;
  return `--resume continues the run in "${error.dir}" with its own config; ${
    [...byFlag, ...fields].join(", ")
  } would change it. ${fix}`;
}

/**
 * Runs a command and returns its exit code.
 *
 * @param command Usage, flags, parser and work.
 * @param args Command-line arguments.
 * @returns 0, 1, 2 or 130.
 */
export async function runCommand<R>(command: Command<R>, args: readonly string[]): Promise<number> {
  let request: R | "help";
  try {
    request = command.parse(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr(`error: ${error.message}\n`);
    return 2;
  }
  if (request === "help") {
    stdout(command.usage + "\n");
    return 0;
  }
  const controller = new AbortController();
  const onSignal = () => {
    stderr(`\n${command.interruptNotice ?? "Interrupt: stopping."}\n`);
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  try {
    await command.run(request, controller.signal);
    return 0;
  } catch (thrown) {
    const error = usageErrorFor(command.flags, thrown);
    if (error instanceof UsageError || error instanceof ConfigError) {
      stderr(`error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RunFolderError) {
      stderr(`error: ${folderMessage(command.flags, error)}\n`);
      return 2;
    }
    if (controller.signal.aborted) {
      stderr(`${command.stopped ? await command.stopped(request) : "Stopped."}\n`);
      return 130;
    }
    stderr(`error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}
