/**
 * Flags of `deno task pipeline`: those of `deno task train`, plus where the stages run and how blocks are split.
 * @module
 */
import { type Flag, parseFlags, usageText } from "./flag_table.ts";
import { parseTrainArgs, TRAIN_FLAGS, type TrainCommandRequest } from "./train_args.ts";
import { UsageError } from "./usage_error.ts";

/** The flags `deno task pipeline` adds to those of `deno task train`. */
export const PIPELINE_FLAGS: readonly Flag[] = [
  {
    name: "stages",
    type: "string",
    value: "N|auto",
    help: "pipeline stages (auto: one per core, at most one per block)",
    default: "2",
  },
  {
    name: "split",
    type: "string",
    value: "auto|even|LIST",
    help: "blocks per stage: auto balances measured block cost, even by count, or a list such as 1,2,1",
    default: "auto",
  },
  {
    name: "nats",
    type: "string",
    value: "URL",
    help: "NATS server with JetStream",
    defaultHelp: "start nats-server on 127.0.0.1 and a free port",
  },
  {
    name: "run",
    type: "string",
    value: "NAME",
    help: "run name shared with the stages",
    defaultHelp: "from --out",
  },
  {
    name: "external-stages",
    type: "boolean",
    help:
      "start no stage processes here: start each with deno task pipeline:stage --stage K/N --run NAME --nats URL",
  },
  {
    name: "float16",
    type: "boolean",
    help: "send activations as 16-bit floats (half the bytes; not bit-identical)",
  },
  {
    name: "window",
    type: "int",
    value: "N",
    min: 1,
    help: "batches in flight at most",
    defaultHelp: "2 per stage",
  },
  {
    name: "checkpoint-every",
    type: "int",
    value: "N",
    min: 1,
    help: "frames between a stage's checkpoints (and acknowledgements)",
    default: "10",
  },
  {
    name: "stall-seconds",
    type: "int",
    value: "N",
    min: 1,
    help: "fail when no stage reports for N seconds",
    default: "300",
  },
];

/** The help text. */
export const PIPELINE_USAGE: string = usageText(
  "Usage: deno task pipeline [flags]\nTrains with the blocks split over stage processes that exchange activations " +
    "through NATS JetStream.",
  [...PIPELINE_FLAGS, ...TRAIN_FLAGS],
  "Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (continue with --resume).",
);

/** What the user asked for. */
export interface PipelineRequest {
  /** The run itself, as `deno task train` takes it. */
  readonly train: TrainCommandRequest;
  /** Number of stages. */
  readonly stages: number;
  /** `--stages auto`: one per core, capped at the number of blocks once the config is known. */
  readonly stagesAuto: boolean;
  /** `"auto"` (by measured block cost), `"even"`, or blocks per stage. */
  readonly split: "auto" | "even" | number[];
  /** Broker URL; absent: start a local nats-server on 127.0.0.1. */
  readonly nats?: string;
  /** Run name shared with the stages. */
  readonly run: string;
  /** Start the stage processes here (false: they run elsewhere). */
  readonly localStages: boolean;
  /** Activations as float16. */
  readonly float16: boolean;
  /** Batches in flight. */
  readonly window?: number;
  /** Frames between stage checkpoints. */
  readonly checkpointEvery: number;
  /** Seconds without a report before the run fails as stalled. */
  readonly stallSeconds: number;
}

/**
 * Parses the flags: the pipeline's through {@linkcode PIPELINE_FLAGS}, the rest as `deno task train`'s.
 *
 * @param args Command-line arguments.
 * @param cores Cores of this machine (for `--stages auto`).
 * @returns The request or `"help"`; throws {@linkcode UsageError}.
 * @example
 * ```ts
 * import { parsePipelineArgs } from "./pipeline_args.ts";
 * const r = parsePipelineArgs(["--stages", "3", "--split", "1,1,1", "--epochs", "1"], 2);
 * if (r === "help" || r.stages !== 3 || r.train.overrides.epochs !== 1) throw new Error("unexpected");
 * ```
 */
export function parsePipelineArgs(args: readonly string[], cores: number): PipelineRequest | "help" {
  const own: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = PIPELINE_FLAGS.find((f) => args[i] === `--${f.name}` || args[i].startsWith(`--${f.name}=`));
    if (!flag) rest.push(args[i]);
    else if (flag.type === "boolean" || args[i].includes("=")) own.push(args[i]);
    else {
      if (args[i + 1] === undefined) {
        throw new UsageError(`--${flag.name} needs a value (${flag.value}); see --help`);
      }
      own.push(`${args[i]}=${args[++i]}`);
    }
  }
  const train = parseTrainArgs(rest);
  if (train === "help") return "help";
  const { values } = parseFlags(PIPELINE_FLAGS, own);
  const stagesText = String(values.stages);
  const stages = stagesText === "auto" ? Math.max(1, cores) : Number(stagesText);
  if (!(Number.isInteger(stages) && stages >= 1)) {
    throw new UsageError(`--stages must be a whole number >= 1 or auto, got "${stagesText}"`);
  }
  const splitText = String(values.split);
  let split: PipelineRequest["split"];
  if (splitText === "auto" || splitText === "even") split = splitText;
  else {
    split = splitText.split(",").map(Number);
    if (split.some((n) => !(Number.isInteger(n) && n >= 1))) {
      throw new UsageError(
        `--split must be auto, even or blocks per stage such as 1,2,1, got "${splitText}"`,
      );
    }
    if (split.length !== stages) {
      throw new UsageError(`--split ${splitText} lists ${split.length} stages but --stages is ${stages}`);
    }
  }
  const run = (values.run as string | undefined) ??
    train.out.split("/").filter(Boolean).pop()!.replace(/[^A-Za-z0-9_-]/g, "-");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(run)) {
    throw new UsageError(`--run must be 1-64 letters, digits, "-" or "_", got "${run}"`);
  }
  return {
    train,
    stages,
    stagesAuto: stagesText === "auto",
    split,
    nats: values.nats as string | undefined,
    run,
    localStages: values["external-stages"] !== true,
    float16: values.float16 === true,
    window: values.window as number | undefined,
    checkpointEvery: values["checkpoint-every"] as number,
    stallSeconds: values["stall-seconds"] as number,
  };
}
