/**
 * `deno task pipeline:stage`: one stage of a pipeline run, as its own process (on this machine, another
 * machine, or one per GPU). It trains the blocks the coordinator gives stage K, checkpoints them in --dir, and
 * exits when the coordinator's run ends. Killed and started again with the same flags, it continues from its
 * checkpoint. Exit codes: 0 done, 1 failed, 2 bad arguments, 130 interrupted.
 * @module
 */
import { parseArgs } from "node:util";
import { type BackendName, useBackend } from "../backend/backends.ts";
import { CLI_BACKENDS } from "./train_args.ts";
import { runStage, type StageEvent } from "../pipeline/stage_runner.ts";
import { stderr, stdout } from "./terminal_output.ts";
import { choiceFlag, intFlag, UsageError } from "./usage_error.ts";

/** The help text. */
export const STAGE_USAGE = `Usage: deno task pipeline:stage --stage K/N --run NAME [flags]
  --stage K/N         this process is stage K (1-based) of N
  --run NAME          the run's name, as given to deno task pipeline (letters, digits, - and _)
  --nats URL          NATS server with JetStream (default nats://127.0.0.1:4222)
  --backend NAME      ${
  CLI_BACKENDS.join(" | ")
} (default wasm); on a machine with GPUs: webgpu, one process each
  --dir DIR           folder for this stage's checkpoint (default runs/pipeline-<run>/stage-K)
  --wait-seconds N    how long to wait for the coordinator's stream (default 120)
  --retry-seconds N   how long to retry an unreachable broker (default 30)
  --quiet             print only errors and the final line
  --verbose           also print a line per trained batch and checkpoint
  --help              this text`;

/** Parsed flags. */
export interface StageRequest {
  /** 0-based stage index. */
  readonly stage: number;
  /** Stage count. */
  readonly stages: number;
  /** Run name. */
  readonly run: string;
  /** Broker URL. */
  readonly url: string;
  /** Backend. */
  readonly backend: BackendName;
  /** Checkpoint folder. */
  readonly dir: string;
  /** Seconds to wait for the stream. */
  readonly waitSeconds: number;
  /** Seconds to retry the broker. */
  readonly retrySeconds: number;
  /** Print less. */
  readonly quiet: boolean;
  /** Print a line per batch and checkpoint. */
  readonly verbose: boolean;
}

/**
 * Parses the flags.
 *
 * @param args Command-line arguments.
 * @returns The request or `"help"`; throws {@linkcode UsageError}.
 * @example
 * ```ts
 * import { parseStageArgs } from "./pipeline_stage.ts";
 * const r = parseStageArgs(["--stage", "2/3", "--run", "demo"]);
 * if (r === "help" || r.stage !== 1 || r.stages !== 3) throw new Error("unexpected");
 * ```
 */
export function parseStageArgs(args: string[]): StageRequest | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        stage: { type: "string" },
        run: { type: "string" },
        nats: { type: "string", default: "nats://127.0.0.1:4222" },
        backend: { type: "string", default: "wasm" },
        dir: { type: "string" },
        "wait-seconds": { type: "string" },
        "retry-seconds": { type: "string" },
        quiet: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; see --help`);
  }
  if (values.help) return "help";
  const match = /^(\d+)\/(\d+)$/.exec(values.stage ?? "");
  if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) {
    throw new UsageError(`--stage must be K/N with 1 <= K <= N (e.g. 2/4), got "${values.stage ?? ""}"`);
  }
  if (!values.run || !/^[A-Za-z0-9_-]{1,64}$/.test(values.run)) {
    throw new UsageError(`--run must be 1-64 letters, digits, "-" or "_", got "${values.run ?? ""}"`);
  }
  const stage = Number(match[1]) - 1;
  return {
    stage,
    stages: Number(match[2]),
    run: values.run,
    url: values.nats,
    backend: choiceFlag("backend", values.backend, CLI_BACKENDS),
    dir: values.dir ?? `runs/pipeline-${values.run}/stage-${stage + 1}`,
    waitSeconds: intFlag("wait-seconds", values["wait-seconds"], 1) ?? 120,
    retrySeconds: intFlag("retry-seconds", values["retry-seconds"], 1) ?? 30,
    quiet: values.quiet,
    verbose: values.verbose,
  };
}

function describe(event: StageEvent, name: string, verbose: boolean): string | undefined {
  switch (event.type) {
    case "trained":
      return verbose ? `${name}: trained ${event.seq}` : undefined;
    case "skipped":
      return verbose ? `${name}: skipped ${event.seq}` : undefined;
    case "checkpoint":
      return verbose ? `${name}: checkpoint ${event.seq}` : undefined;
    case "connected":
      return `${name}: connected to ${event.url} (chunks of ${event.chunkBytes} bytes)`;
    case "restored":
      return `${name}: restored checkpoint at frame ${event.seq} of session ${event.session}`;
    case "session":
      return `${name}: session ${event.session}, blocks ${event.blocks[0] + 1}-${event.blocks[1]}`;
    case "retry":
      return `${name}: ${event.what} failed (${event.message}); retry ${event.attempt}`;
    case "stopped":
      return `${name}: stop at frame ${event.seq}`;
    default:
      return undefined;
  }
}

/**
 * Runs the command.
 *
 * @param args Command-line arguments.
 * @returns The exit code.
 */
export async function main(args: string[]): Promise<number> {
  let request;
  try {
    request = parseStageArgs(args);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (request === "help") {
    stdout(STAGE_USAGE + "\n");
    return 0;
  }
  const name = `stage ${request.stage + 1}/${request.stages}`;
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error("interrupted"));
  Deno.addSignalListener("SIGINT", onSignal);
  try {
    const backend = await useBackend(request.backend);
    if (!request.quiet) stderr(`${name}: ${backend.description}\n`);
    const outcome = await runStage({
      url: request.url,
      run: request.run,
      stage: request.stage,
      dir: request.dir,
      waitSeconds: request.waitSeconds,
      retrySeconds: request.retrySeconds,
      signal: controller.signal,
      onEvent: (event) => {
        const line = request.quiet && event.type !== "retry"
          ? undefined
          : describe(event, name, request.verbose);
        if (line) stderr(line + "\n");
      },
    });
    stdout(`${name}: trained ${outcome.trained} batches, skipped ${outcome.skipped} already checkpointed\n`);
    return 0;
  } catch (error) {
    if (controller.signal.aborted) {
      stderr(`${name}: stopped; start it again with the same flags to continue from its checkpoint\n`);
      return 130;
    }
    stderr(`${name}: error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
