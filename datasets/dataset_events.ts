/**
 * Events that dataset loading reports through its `onEvent` callback. The library never prints: the CLI turns
 * these into progress bars, a notebook into a line of text.
 * @module
 */

/** Something happened while finding, downloading, checking or parsing dataset files. */
export type DatasetEvent =
  /** A download from `url` began; `resumeFromBytes > 0` when a partial `.part` file is being continued. */
  | {
    readonly type: "download-start";
    readonly file: string;
    readonly url: string;
    readonly totalBytes: number | undefined;
    readonly resumeFromBytes: number;
  }
  /** Bytes arrived; sent at most every 100 ms and once at the end. `bytes` counts the whole file so far. */
  | {
    readonly type: "download-progress";
    readonly file: string;
    readonly bytes: number;
    readonly totalBytes: number | undefined;
    readonly bytesPerSecond: number;
  }
  /** The server ignored the Range request (answered 200): the partial file is discarded and fetched again. */
  | {
    readonly type: "download-restart";
    readonly file: string;
    readonly url: string;
    readonly reason: string;
  }
  /** A download finished and its size and checksum were verified. */
  | {
    readonly type: "download-done";
    readonly file: string;
    readonly bytes: number;
    readonly seconds: number;
  }
  /** One mirror failed; the next one is tried. */
  | { readonly type: "mirror-failed"; readonly file: string; readonly url: string; readonly reason: string }
  /** A file's checksum was computed and matched. */
  | {
    readonly type: "verified";
    readonly file: string;
    readonly algorithm: "md5" | "sha256";
    readonly seconds: number;
  }
  /** A dataset's files were found at `path` (a folder or the archive) from the named source. */
  | { readonly type: "source"; readonly dataset: string; readonly source: string; readonly path: string }
  /** A source was not used, and why (not installed, file absent, offline). */
  | {
    readonly type: "source-skipped";
    readonly dataset: string;
    readonly source: string;
    readonly reason: string;
  }
  /** A split was parsed into memory. */
  | {
    readonly type: "parsed";
    readonly dataset: string;
    readonly split: "train" | "test";
    readonly count: number;
    readonly seconds: number;
  }
  /** Building a packed image cache (ImageNet) began; `resumeFrom > 0` when an interrupted build is continued. */
  | {
    readonly type: "cache-start";
    readonly dataset: string;
    readonly split: "train" | "val";
    readonly path: string;
    readonly count: number;
    readonly resumeFrom: number;
    readonly imageSize: number;
  }
  /** A chunk of the cache is safely on disk; `done` images of `count`. */
  | {
    readonly type: "cache-progress";
    readonly dataset: string;
    readonly split: "train" | "val";
    readonly done: number;
    readonly count: number;
    readonly imagesPerSecond: number;
  }
  /** An interrupted build could not be continued (its sources or size differ) and starts over. */
  | {
    readonly type: "cache-restart";
    readonly dataset: string;
    readonly split: "train" | "val";
    readonly reason: string;
  }
  /** The cache of a split is complete and in place. */
  | {
    readonly type: "cache-done";
    readonly dataset: string;
    readonly split: "train" | "val";
    readonly path: string;
    readonly count: number;
    readonly seconds: number;
  };

/** The callback type every loader accepts. */
export type DatasetEventHandler = (event: DatasetEvent) => void;
