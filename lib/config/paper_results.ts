/**
 * The paper's reported test accuracies (ASGE, arXiv 2509.12394, v2), for the gap column of results tables.
 * @module
 */

/** A reported result in percent. */
export interface PaperResult {
  /** Top-1 test accuracy, percent. */
  readonly top1: number;
  /** Top-5 test accuracy, percent (ImageNet). */
  readonly top5?: number;
  /** Where the number comes from. */
  readonly source: string;
}

/** The paper's numbers by dataset name. */
export const PAPER_RESULTS: Readonly<Record<string, PaperResult>> = {
  "mnist": { top1: 99.65, source: "ASGE v2" },
  "fashion-mnist": { top1: 93.41, source: "ASGE v2" },
  "cifar10": { top1: 90.62, source: "ASGE v2" },
  "cifar100": { top1: 65.42, source: "ASGE v2" },
  "imagenet": { top1: 51.58, top5: 75.23, source: "ASGE v2 (v1: 26.21 / 47.49)" },
};
