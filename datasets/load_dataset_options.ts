/**
 * The options every dataset loader accepts.
 * @module
 */

import type { DatasetEventHandler } from "./dataset_events.ts";

/** Where to look for dataset files, whether the network may be used, and how to report progress. */
export interface LoadDatasetOptions {
  /**
   * A folder that already holds the dataset's files under their canonical names (for MNIST-style datasets the
   * four IDX files, gzipped or not; for CIFAR the `.tar.gz` archive). Looked at first.
   */
  readonly dataDir?: string;
  /** The download cache; default `defaultCacheDir()` (`$ASGE_DATA` or the platform cache folder). */
  readonly cacheDir?: string;
  /** Never touch the network; a missing file is an error saying what to put where. */
  readonly offline?: boolean;
  /** Download again even if the cache holds the file (the old file is replaced only once the new one verifies). */
  readonly redownload?: boolean;
  /** Cancels downloads and loading; a partial download is kept for resuming. */
  readonly signal?: AbortSignal;
  /** Receives progress and source events. */
  readonly onEvent?: DatasetEventHandler;
  /**
   * Side S in pixels of the square images, for datasets stored at full resolution and packed into a cache at a
   * chosen size (ImageNet: default 32). Datasets with a fixed size (MNIST, CIFAR) ignore it.
   */
  readonly imageSize?: number;
}
