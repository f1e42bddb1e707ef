/**
 * `deno task pipeline:stage`: one stage of a pipeline run, as its own process (on this machine, another
 * machine, or one per GPU). It trains the blocks the coordinator gives stage K, checkpoints them in --dir, and
 * exits when the coordinator's run ends. Killed and started again with the same flags, it continues from its
 * checkpoint. Exit codes: 0 done, 1 failed, 2 bad arguments, 130 interrupted.
 * @module
 */
import { type BackendName, useBackend } from "../backend/backends.ts";
import { runStage, type StageEvent } from "../pipeline/stage_runner.ts";
import { runCommand } from "./command.ts";
import { type Flag, parseFlags, usageText } from "./flag_table.ts";
import { BACKEND_FLAG } from "./run_flags.ts";
import { stderr, stdout } from "./terminal_output.ts";
import { UsageError } from "./usage_error.ts";

/** The flags of a stage process. */
export const STAGE_FLAGS: readonly Flag[] = [
  { name: "stage", type: "string", value: "K/N", help: "this process is stage K (1-based) of N" },
  {
    name: "run",
    type: "string",
    value: "NAME",
    help: "the run's name, as given to deno task pipeline (letters, digits, - and _)",
  },
  {
    name: "nats",
    type: "string",
    value: "URL",
    help: "NATS server with JetStream",
    default: "nats://127.0.0.1:4222",
  },
  { ...BACKEND_FLAG, help: "backend; on a machine with GPUs: webgpu, one process each" },
  {
    name: "dir",
    type: "string",
    value: "DIR",
    help: "folder for this stage's checkpoint",
    defaultHelp: "runs/pipeline-<run>/stage-K",
  },
  {
    name: "wait-seconds",
    type: "int",
    value: "N",
    min: 1,
    help: "how long to wait for the coordinator's stream",
    default: "120",
  },
  {
    name: "retry-seconds",
    type: "int",
    value: "N",
    min: 1,
    help: "how long to retry an unreachable broker",
    default: "30",
  },
  { name: "quiet", type: "boolean", help: "print only errors and the final line", default: false },
  {
    name: "verbose",
    type: "boolean",
    help: "also print a line per trained batch and checkpoint",
    default: false,
  },
  {
    name: "hold-after",
    type: "int",
    value: "N",
    min: 1,
    help: "fault drills: stop taking frames after frame N and wait to be killed",
  },
];

/** The help text. */
export const STAGE_USAGE: string = usageText(
  "Usage: deno task pipeline:stage --stage K/N --run NAME [flags]",
  STAGE_FLAGS,
);

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
  /** Fault drills: hold after this frame. */
  readonly holdAfter?: number;
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
export function parseStageArgs(args: readonly string[]): StageRequest | "help" {
  const { values } = parseFlags(STAGE_FLAGS, args);
  if (values.help) return "help";
  const stageText = String(values.stage ?? "");
  const match = /^(\d+)\/(\d+)$/.exec(stageText);
  if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) {
    throw new UsageError(`--stage must be K/N with 1 <= K <= N (e.g. 2/4), got "${stageText}"`);
  }
  const run = String(values.run ?? "");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(run)) {
    throw new UsageError(`--run must be 1-64 letters, digits, "-" or "_", got "${run}"`);
  }
  const stage = Number(match[1]) - 1;
  return {
    stage,
    stages: Number(match[2]),
    run,
    url: String(values.nats),
    backend: values.backend as BackendName,
    dir: (values.dir as string | undefined) ?? `runs/pipeline-${run}/stage-${stage + 1}`,
    waitSeconds: values["wait-seconds"] as number,
    retrySeconds: values["retry-seconds"] as number,
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    holdAfter: values["hold-after"] as number | undefined,
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
    case "holding":
      return `${name}: holding after frame ${event.seq} (fault drill): kill this process`;
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
 * @returns The exit code: 0 done, 1 failed, 2 bad arguments, 130 interrupted.
 */
export function main(args: readonly string[]): Promise<number> {
  return runCommand<StageRequest>({
    usage: STAGE_USAGE,
    flags: STAGE_FLAGS,
    parse: parseStageArgs,
    interruptNotice: "Interrupt: this stage stops after the current batch.",
    stopped: (request) =>
      `stage ${
        request.stage + 1
      }/${request.stages}: stopped; start it again with the same flags to continue ` +
      "from its checkpoint",
    async run(request, signal) {
      const name = `stage ${request.stage + 1}/${request.stages}`;
      const backend = await useBackend(request.backend);
      if (!request.quiet) stderr(`${name}: ${backend.description}\n`);
      const outcome = await runStage({
        url: request.url,
        run: request.run,
        stage: request.stage,
        dir: request.dir,
        waitSeconds: request.waitSeconds,
        retrySeconds: request.retrySeconds,
        holdAfter: request.holdAfter,
        signal,
        onEvent: (event) => {
          const line = request.quiet && event.type !== "retry"
            ? undefined
            : describe(event, name, request.verbose);
          if (line) stderr(line + "\n");
        },
      });
      stdout(
        `${name}: trained ${outcome.trained} batches, skipped ${outcome.skipped} already checkpointed\n`,
      );
    },
  }, args);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
