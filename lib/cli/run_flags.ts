/**
 * The flag tables of the commands that train (`deno task train`, `deno task reproduce:*`): config flags of
 * train, and the flags both share (backend, threads, data, run folder). One row each; see `flag_table.ts`.
 * @module
 */
import { BACKEND_NAMES } from "../backend/backends.ts";
import { PRESET_NAMES } from "../config/presets.ts";
import type { Flag } from "./flag_table.ts";

/** Datasets the CLI accepts. */
export const CLI_DATASETS = ["mnist", "fashion-mnist", "cifar10", "cifar100", "imagenet"] as const;

/** Flags of `deno task train` that set config fields. */
export const CONFIG_FLAGS: readonly Flag[] = [
  {
    name: "dataset",
    type: "string",
    value: "NAME",
    help: "dataset",
    choices: CLI_DATASETS,
    default: "fashion-mnist",
    field: "dataset",
  },
  {
    name: "preset",
    type: "string",
    value: "NAME",
    help: "preset",
    choices: PRESET_NAMES,
    default: "quick",
    field: "preset",
  },
  { name: "epochs", type: "int", value: "N", help: "epochs", defaultHelp: "the preset's", field: "epochs" },
  { name: "batch-size", type: "int", value: "N", help: "images per step", field: "batchSize" },
  { name: "lr", type: "number", value: "X", help: "peak learning rate", field: "optimizer.learningRate" },
  {
    name: "seed",
    type: "int",
    value: "N",
    help: "seed for weights, projections, split, shuffling",
    field: "seed",
  },
  {
    name: "limit",
    type: "int",
    value: "N",
    help: "train on the first N images only (quick checks; 0 = all)",
    field: "limit",
  },
  {
    name: "alpha",
    type: "number",
    value: "X",
    help: "partition exponent alpha (r)",
    defaultHelp: "the preset's, 1",
    field: "encoding.alpha",
  },
  {
    name: "goodness",
    type: "string",
    value: "MODE",
    help: "sum | mean of squares over a patch (r)",
    field: "encoding.goodnessReduction",
  },
  {
    name: "goodness-site",
    type: "string",
    value: "S",
    help: "pre | post: read goodness before or after pooling (r)",
    field: "encoding.goodnessSite",
  },
  {
    name: "fusion",
    type: "string",
    value: "MODE",
    help: "softmax | logits | weighted (r)",
    field: "encoding.fusion",
  },
  {
    name: "label-smoothing",
    type: "number",
    value: "X",
    help: "label smoothing of every local loss, in [0, 1) (r)",
    field: "encoding.labelSmoothing",
  },
  {
    name: "dropout",
    type: "number",
    value: "X",
    help: "dropout on every block's input while training, in [0, 1) (r)",
    field: "encoding.dropout",
  },
  {
    name: "weight-decay",
    type: "number",
    value: "X",
    help: "decoupled weight decay",
    field: "optimizer.weightDecay",
  },
  {
    name: "training",
    type: "string",
    value: "MODE",
    help: "local (ASGE) | backprop (baseline: end to end through a learned head on the last block)",
    field: "training",
  },
  {
    name: "input-normalization",
    type: "string",
    value: "MODE",
    help: "dataset | image: pixels normalised per dataset or per image (r)",
    field: "inputNormalization",
  },
];

/** The backend flag (train, reproduce, eval). */
export const BACKEND_FLAG: Flag = {
  name: "backend",
  type: "string",
  value: "NAME",
  help: "backend",
  choices: BACKEND_NAMES,
  // auto: the fastest backend here (onednn where the library loads, else wasm with an install hint).
  default: "auto",
};

/** Flags both training commands share; `out` and `data-dir` differ in their help. */
export function runFlags(help: { out: string; dataDir: string }): Flag[] {
  return [
    BACKEND_FLAG,
    {
      name: "workers",
      type: "int",
      value: "N",
      help: "training threads (data-parallel)",
      defaultHelp: "one per core on wasm/cpu, else 1 (onednn: its own threads on every core)",
      min: 1,
    },
    { name: "data-dir", type: "string", value: "DIR", help: help.dataDir },
    {
      name: "cache-dir",
      type: "string",
      value: "DIR",
      help: "download and cache folder",
      defaultHelp: "$ASGE_DATA or the platform cache folder",
    },
    {
      name: "image-size",
      type: "int",
      value: "N",
      help: "ImageNet: side of the packed images",
      defaultHelp: "32",
      min: 8,
    },
    { name: "offline", type: "boolean", help: "never download; say which file is missing instead" },
    { name: "out", type: "string", value: "DIR", help: "run folder", defaultHelp: help.out },
    {
      name: "resume",
      type: "boolean",
      help: "continue the run in --out, with its own config (only --epochs may change)",
    },
  ];
}
