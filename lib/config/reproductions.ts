/**
 * How `deno task reproduce:<dataset>` reproduces each row of the paper's table: which preset, which overrides, which
 * loader options, and the number to compare with. Presets are our reconstructions (the paper's plans, epochs and
 * optimizer settings were not available), so a gap to the paper is a finding, not a bug to hide.
 * @module
 */
import { PAPER_RESULTS, type PaperResult } from "./paper_results.ts";
import type { ConfigOverrides } from "./resolve_config.ts";

/** One row of the paper's table and how to run it. */
export interface Reproduction {
  /** Dataset name as `loadDataset` knows it. */
  readonly dataset: string;
  /** The paper-scale preset to run. */
  readonly preset: string;
  /** Changes to the preset for this dataset (at least `dataset`). */
  readonly overrides: ConfigOverrides;
  /** Side of the images for datasets packed at a chosen size (ImageNet); absent for fixed-size datasets. */
  readonly imageSize?: number;
  /** The paper's result. */
  readonly paper: PaperResult;
}

/** The datasets `deno task reproduce:*` accepts, in the paper's order. */
export const REPRODUCTION_DATASETS = ["mnist", "fashion-mnist", "cifar10", "cifar100", "imagenet"] as const;

/** A dataset `deno task reproduce:*` accepts. */
export type ReproductionDataset = (typeof REPRODUCTION_DATASETS)[number];

/**
 * The reproductions by dataset. MNIST and Fashion-MNIST share the grey plan, CIFAR-10 and CIFAR-100 the colour plan
 * (the class count comes from the data); ImageNet runs at 32x32 by default (r: the paper's resolution is unknown).
 */
export const REPRODUCTIONS: Readonly<Record<ReproductionDataset, Reproduction>> = {
  "mnist": {
    dataset: "mnist",
    preset: "vgg-grey",
    overrides: { dataset: "mnist" },
    paper: PAPER_RESULTS["mnist"],
  },
  "fashion-mnist": {
    dataset: "fashion-mnist",
    preset: "vgg-grey",
    overrides: { dataset: "fashion-mnist" },
    paper: PAPER_RESULTS["fashion-mnist"],
  },
  "cifar10": {
    dataset: "cifar10",
    preset: "vgg-colour",
    overrides: { dataset: "cifar10" },
    paper: PAPER_RESULTS["cifar10"],
  },
  "cifar100": {
    dataset: "cifar100",
    preset: "vgg-colour",
    overrides: { dataset: "cifar100" },
    paper: PAPER_RESULTS["cifar100"],
  },
  "imagenet": {
    dataset: "imagenet",
    preset: "vgg-imagenet",
    overrides: { dataset: "imagenet" },
    imageSize: 32,
    paper: PAPER_RESULTS["imagenet"],
  },
};

/**
 * Whether `name` is a dataset with a reproduction.
 *
 * @param name Any string, e.g. a command-line argument.
 * @returns `true` for one of {@linkcode REPRODUCTION_DATASETS}.
 * @example
 * ```ts
 * import { isReproductionDataset } from "./reproductions.ts";
 * if (!isReproductionDataset("cifar10") || isReproductionDataset("svhn")) throw new Error("wrong");
 * ```
 */
export function isReproductionDataset(name: string): name is ReproductionDataset {
  return (REPRODUCTION_DATASETS as readonly string[]).includes(name);
}
