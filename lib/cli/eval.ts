/**
 * `deno task eval --run DIR [--strategy last|fusion|best]`: evaluates a saved run on its dataset's test split
 * (the validation split, rebuilt from the run's seed, picks Best's block) and prints accuracy against cost.
 * Exit codes: 0 done, 1 failure, 2 bad arguments.
 * @module
 */
import { parseArgs } from "node:util";
import { loadDataset } from "../../datasets/load_dataset.ts";
import { useBackend } from "../backend/backends.ts";
import { validateConfig } from "../config/resolve_config.ts";
import { BatchBuilder } from "../data/batch_builder.ts";
import { runSplits } from "../data/run_splits.ts";
import { loadNetwork } from "../model/model_file.ts";
import { evaluateNetwork } from "../prediction/evaluate_network.ts";
import { selectBestBlock } from "../prediction/strategies.ts";
import { STRATEGY_NAMES, summarizeStrategies } from "../prediction/summarize_strategies.ts";
import { RUN_FILES, RunFolder } from "../training/run_folder.ts";
import { strategyTable } from "./summary_tables.ts";
import { CLI_BACKENDS } from "./train_args.ts";
import { choiceFlag, UsageError } from "./usage_error.ts";
import { stderr, stdout } from "./terminal_output.ts";

const USAGE =
  `Usage: deno task eval --run DIR [--strategy last|fusion|best|all] [--backend NAME] [--data-dir DIR]`;

/**
 * Runs the command.
 *
 * @param args Command-line arguments.
 * @returns The exit code.
 */
export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        run: { type: "string" },
        strategy: { type: "string", default: "all" },
        backend: { type: "string", default: "wasm" },
        "data-dir": { type: "string" },
        offline: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
    if (values.help) {
      stdout(USAGE + "\n");
      return 0;
    }
    if (!values.run) throw new UsageError(`--run DIR is required (a folder written by deno task train)`);
    choiceFlag("strategy", values.strategy, [...STRATEGY_NAMES, "all"]);
    choiceFlag("backend", values.backend, CLI_BACKENDS);
  } catch (error) {
    stderr(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const folder = new RunFolder(values.run);
    const config = await folder.readConfig();
    validateConfig(config);
    const backend = await useBackend(values.backend as (typeof CLI_BACKENDS)[number]);
    stderr(`backend: ${backend.description}\n`);
    const { network } = await loadNetwork(folder.path(RUN_FILES.model));
    const data = await loadDataset(config.dataset, { dataDir: values["data-dir"], offline: values.offline });
    const { train, split, test } = runSplits(config, data);
    const options = { batchSize: 500, fusion: config.encoding.fusion };
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
    network.dispose();
    const rows = summarizeStrategies(network.plan, validation, tested, bestBlock)
      .filter((s) => values.strategy === "all" || s.strategy === values.strategy);
    stdout(strategyTable(rows, bestBlock) + "\n");
    return 0;
  } catch (error) {
    stderr(`error: ${(error as Error).message}\n`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
