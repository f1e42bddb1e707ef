/**
 * Flags of `deno task pipeline`: those of `deno task train`, plus where the stages run and how blocks are split.
 * @module
 */
import { parseTrainArgs, TRAIN_USAGE, type TrainRequest } from "./train_args.ts";
import { intFlag, UsageError } from "./usage_error.ts";

/** What the user asked for. */
export interface PipelineRequest {
  /** The run itself, as `deno task train` takes it. */
  readonly train: TrainRequest;
  /** Number of stages. */
  readonly stages: number;
  /** `"auto"` (by measured block cost), `"even"`, or blocks per stage. */
  readonly split: "auto" | "even" | number[];
  /** Broker URL; absent: start a local nats-server on 127.0.0.1. */
  readonly nats?: string;
  /** Run name shared with the stages. */
  readonly run: string;
  /** Start the stage processes here (false: they run elsewhere, started with `deno task pipeline:stage`). */
  readonly localStages: boolean;
  /** Activations as float16. */
  readonly float16: boolean;
  /** Batches in flight. */
  readonly window?: number;
  /** Frames between stage checkpoints. */
  readonly checkpointEvery?: number;
  /** Seconds without a report before the run fails as stalled. */
  readonly stallSeconds?: number;
}

/** The help text. */
export const PIPELINE_USAGE = `Usage: deno task pipeline [pipeline flags] [train flags]
Trains with the blocks split over stage processes that exchange activations through NATS JetStream.
  --stages N|auto       stages (auto: one per core, at most one per block; default 2)
  --split auto|even|LIST  blocks per stage: auto balances measured block cost (default), even by count,
                        or a list such as 1,2,1
  --nats URL            broker (default: start nats-server on 127.0.0.1 and a free port)
  --run NAME            run name shared with the stages (default: from --out)
  --external-stages     do not start stage processes here: start each with
                        deno task pipeline:stage --stage K/N --run NAME --nats URL
  --float16             send activations as 16-bit floats (half the bytes; not bit-identical)
  --window N            batches in flight at most (default 2 per stage)
  --checkpoint-every N  frames between a stage's checkpoints (default 10)
  --stall-seconds N     fail when no stage reports for N s (default 300)
Train flags:
${TRAIN_USAGE.split("\n").slice(1).join("\n")}`;

const VALUED = [
  "--stages",
  "--split",
  "--nats",
  "--run",
  "--window",
  "--checkpoint-every",
  "--stall-seconds",
];
const SWITCHES = ["--external-stages", "--float16"];

/**
 * Parses the flags.
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
export function parsePipelineArgs(args: string[], cores: number): PipelineRequest | "help" {
  const own = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (VALUED.includes(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value; see --help`);
      own.set(flag, value);
    } else if (SWITCHES.includes(flag)) own.set(flag, "true");
    else rest.push(args[i]);
  }
  const train = parseTrainArgs(rest);
  if (train === "help") return "help";
  const stagesFlag = own.get("--stages") ?? "2";
  const stages = stagesFlag === "auto" ? Math.max(1, cores) : intFlag("stages", stagesFlag, 1)!;
  const splitFlag = own.get("--split") ?? "auto";
  let split: PipelineRequest["split"];
  if (splitFlag === "auto" || splitFlag === "even") split = splitFlag;
  else {
    split = splitFlag.split(",").map((n) => intFlag("split", n.trim(), 1)!);
    if (split.length !== stages) {
      throw new UsageError(`--split ${splitFlag} lists ${split.length} stages but --stages is ${stages}`);
    }
  }
  const run = own.get("--run") ?? train.out.split("/").filter(Boolean).pop()!.replace(/[^A-Za-z0-9_-]/g, "-");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(run)) {
    throw new UsageError(`--run must be 1-64 letters, digits, "-" or "_", got "${run}"`);
  }
  return {
    train,
    stages,
    split,
    nats: own.get("--nats"),
    run,
    localStages: !own.has("--external-stages"),
    float16: own.has("--float16"),
    window: intFlag("window", own.get("--window"), 1),
    checkpointEvery: intFlag("checkpoint-every", own.get("--checkpoint-every"), 1),
    stallSeconds: intFlag("stall-seconds", own.get("--stall-seconds"), 1),
  };
}
