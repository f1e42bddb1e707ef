/**
 * `deno task eval --run DIR [--strategy last|fusion|best]`: evaluates a saved run on its dataset's test split
 * (the validation split, rebuilt from the run's seed, picks Best's block) and prints accuracy against cost.
 * Exit codes: 0 done, 1 failure, 2 bad arguments.
 * @module
 */
import { loadDataset } from "../../datasets/load_dataset.ts";
import { type BackendName, useBackend } from "../backend/backends.ts";
import { validateConfig } from "../config/resolve_config.ts";
import { BatchBuilder } from "../data/batch_builder.ts";
import { runSplits } from "../data/run_splits.ts";
import { loadNetwork } from "../model/model_file.ts";
import { evaluateNetwork } from "../prediction/evaluate_network.ts";
import { selectBestBlock } from "../prediction/strategies.ts";
import { STRATEGY_NAMES, summarizeStrategies } from "../prediction/summarize_strategies.ts";
import { RUN_FILES, RunFolder } from "../run/run_folder.ts";
import { type Command, runCommand } from "./command.ts";
import { type Flag, parseFlags, usageText } from "./flag_table.ts";
import { BACKEND_FLAG } from "./run_flags.ts";
import { strategyTable } from "./summary_tables.ts";
import { UsageError } from "./usage_error.ts";
import { stderr, stdout } from "./terminal_output.ts";

/** Every flag of `deno task eval`. */
export const EVAL_FLAGS: readonly Flag[] = [
  { name: "run", type: "string", value: "DIR", help: "run folder written by deno task train (required)" },
  {
    name: "strategy",
    type: "string",
    value: "NAME",
    help: "strategy to show",
    choices: [...STRATEGY_NAMES, "all"],
    default: "all",
  },
  BACKEND_FLAG,
  {
    name: "data-dir",
    type: "string",
    value: "DIR",
    help: "folder holding the dataset files (looked at first)",
  },
  { name: "offline", type: "boolean", help: "never download; say which file is missing instead" },
];

/** The help text. */
export const EVAL_USAGE: string = usageText(
  "Usage: deno task eval --run DIR [flags]",
  EVAL_FLAGS,
  "Exit codes: 0 done, 1 failure, 2 bad arguments.",
);

interface EvalRequest {
  readonly run: string;
  readonly strategy: string;
  readonly backend: BackendName;
  readonly dataDir?: string;
  readonly offline: boolean;
}

function parseEvalArgs(args: readonly string[]): EvalRequest | "help" {
  const { values } = parseFlags(EVAL_FLAGS, args);
  if (values.help) return "help";
  if (!values.run) throw new UsageError(`--run DIR is required (a folder written by deno task train)`);
  return {
    run: values.run as string,
    strategy: values.strategy as string,
    backend: values.backend as BackendName,
    dataDir: values["data-dir"] as string | undefined,
    offline: values.offline === true,
  };
}

const evaluate: Command<EvalRequest> = {
  usage: EVAL_USAGE,
  flags: EVAL_FLAGS,
  parse: parseEvalArgs,
  async run(request, signal) {
    const folder = new RunFolder(request.run);
    const config = await folder.readConfig();
    validateConfig(config);
    const backend = await useBackend(request.backend);
    stderr(`backend: ${backend.description}\n`);
    const data = await loadDataset(config.dataset, {
      dataDir: request.dataDir,
      offline: request.offline,
      signal,
    });
    const { network } = await loadNetwork(folder.path(RUN_FILES.model));
    const { train, split, test } = runSplits(config, data);
    const options = { batchSize: 500, fusion: config.encoding.fusion, signal };
    try {
      const validation = await evaluateNetwork(
        network,
        new BatchBuilder(train, data.normalization, config.augment, config.inputNormalization),
        split.validation,
        options,
      );
      const bestBlock = validation.count
        ? selectBestBlock(validation.blockAccuracy)
        : network.blocks.length - 1;
      const tested = await evaluateNetwork(
        network,
        new BatchBuilder(test, data.normalization, config.augment, config.inputNormalization),
        Int32Array.from({ length: test.count }, (_, i) => i),
        { ...options, fusionWeights: validation.count ? validation.blockAccuracy : undefined },
      );
      const rows = summarizeStrategies(network.plan, validation, tested, bestBlock)
        .filter((s) => request.strategy === "all" || s.strategy === request.strategy);
      stdout(strategyTable(rows, bestBlock) + "\n");
    } finally {
      network.dispose();
    }
  },
};

/**
 * Runs the command.
 *
 * @param args Command-line arguments.
 * @returns The exit code.
 */
export function main(args: readonly string[]): Promise<number> {
  return runCommand(evaluate, args);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
