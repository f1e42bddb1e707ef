/**
 * A benchmark notebook's data: the real dataset, or in small mode a synthetic stand-in of its shape where
 * the dataset is not on disk, with a sentence saying which it is.
 * @module
 */
import { loadDataset } from "../../datasets/load_dataset.ts";
import type { DatasetName } from "../../datasets/load_dataset.ts";
import type { DatasetEvent } from "../../datasets/dataset_events.ts";
import { syntheticDataset } from "../../datasets/synthetic/synthetic.ts";
import type { DatasetSplits } from "../config/labeled_images.ts";
import { PAPER_RESULTS, type PaperResult } from "../config/paper_results.ts";
import type { LiveDisplay } from "../report/live_display.ts";
import { formatMiB } from "../util/text_format.ts";
import type { NotebookMode } from "./notebook_mode.ts";

/** How each dataset is named in prose and what shape its stand-in has. */
const DATASET_SHAPES: Readonly<
  Record<DatasetName, { label: string; height: number; width: number; channels: number; numClasses: number }>
> = {
  "mnist": { label: "MNIST", height: 28, width: 28, channels: 1, numClasses: 10 },
  "fashion-mnist": { label: "Fashion-MNIST", height: 28, width: 28, channels: 1, numClasses: 10 },
  "cifar10": { label: "CIFAR-10", height: 32, width: 32, channels: 3, numClasses: 10 },
  "cifar100": { label: "CIFAR-100", height: 32, width: 32, channels: 3, numClasses: 100 },
  // ImageNet at the 32x32 the reproduction packs it to.
  "imagenet": { label: "ImageNet", height: 32, width: 32, channels: 3, numClasses: 1000 },
};

/** Images in a stand-in's training and test splits: enough for small mode's `limit` of 400. */
const STAND_IN_COUNTS = { trainCount: 400, testCount: 100 } as const;

/** Options of {@linkcode loadNotebookData}. */
export interface NotebookDataOptions {
  /** `small` reads from disk only and falls back to a stand-in; `full` downloads what is missing. */
  readonly mode: NotebookMode;
  /** Where the dataset's files are (ImageNet's official files: `ASGE_IMAGENET_DIR`). */
  readonly dataDir?: string;
  /** Cache folder (default `~/.cache/asge`). */
  readonly cacheDir?: string;
  /** Full mode only: an output that shows where loading stands (sources, downloads, decoding). */
  readonly live?: LiveDisplay;
  /** Stops a download or decode. */
  readonly signal?: AbortSignal;
}

/** What {@linkcode loadNotebookData} returns. */
export interface NotebookData {
  /** The splits: the dataset's, or a stand-in's named `<dataset>-standin`. */
  readonly data: DatasetSplits;
  /** Whether `data` is a synthetic stand-in. */
  readonly standIn: boolean;
  /** Markdown: which data this is (and why a stand-in), then its size and shape. */
  readonly note: string;
  /** The paper's numbers for the dataset; `undefined` on a stand-in, whose accuracy says nothing of them. */
  readonly paper?: PaperResult;
}

/**
 * Loads a benchmark notebook's dataset. Small mode reads it from disk only, never downloading, and uses a
 * synthetic stand-in of the same shape (400 training and 100 test images) when it is not there; it never
 * loads ImageNet, whose cache alone takes minutes and gigabytes to read. Full mode loads the real dataset,
 * downloading and verifying what is missing, and throws what `loadDataset` throws.
 *
 * @param dataset A dataset name.
 * @param options The mode, data folder and a live output for loading progress.
 * @returns The data, whether it is a stand-in, a note saying so, and the paper's numbers.
 * @example Small mode never loads ImageNet: a stand-in of its shape, and no paper number
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadNotebookData } from "./notebook_data.ts";
 * const { data, standIn, note, paper } = await loadNotebookData("imagenet", { mode: "small" });
 * assert.equal(standIn, true);
 * assert.equal(data.name, "imagenet-standin");
 * assert.deepEqual([data.train.height, data.train.channels, data.classNames.length], [32, 3, 1000]);
 * assert.match(note, /\*\*Synthetic stand-in\*\*, not ImageNet/);
 * assert.equal(paper, undefined);
 * ```
 */
export async function loadNotebookData(
  dataset: DatasetName,
  options: NotebookDataOptions,
): Promise<NotebookData> {
  const shape = DATASET_SHAPES[dataset];
  const { label } = shape;
  const { dataDir, cacheDir, signal } = options;
  let data: DatasetSplits;
  let what: string;
  let standIn = false;
  if (options.mode === "small") {
    try {
      if (dataset === "imagenet") {
        throw new Error("small mode does not load ImageNet: even a cached copy takes minutes and gigabytes");
      }
      data = await loadDataset(dataset, { dataDir, cacheDir, signal, offline: true });
      what = `${label} from disk; small mode trains on its first few hundred images.`;
    } catch (error) {
      const { height, width, channels, numClasses } = shape;
      data = syntheticDataset({
        name: `${dataset}-standin`,
        height,
        width,
        channels,
        numClasses,
        ...STAND_IN_COUNTS,
      });
      standIn = true;
      what = `**Synthetic stand-in**, not ${label}: ${label} was not loaded ` +
        `(${(error as Error).message.split("\n")[0]}). The images have ${label}'s shape ` +
        `(${height}x${width}x${channels}, ${numClasses} classes) but show striped blobs: accuracies below ` +
        `say nothing about ${label}.`;
    }
  } else {
    const live = options.live;
    // A failed redraw of the loading line is dropped: the next one shows newer news, and loading goes on.
    const show = (line: string) => live?.draw({ "text/plain": line }).catch(() => {});
    show(`Loading ${label} ...`);
    const onEvent = live && ((event: DatasetEvent) => show(datasetEventLine(event)));
    data = await loadDataset(dataset, { dataDir, cacheDir, signal, onEvent });
    await live?.flush();
    what = `${label}, official splits.`;
  }
  const { train, test, classNames } = data;
  const note = `${what}\n\n${train.count} training and ${test.count} test images of ` +
    `${train.height}x${train.width}x${train.channels}, ${classNames.length} classes.`;
  return { data, standIn, note, paper: standIn ? undefined : PAPER_RESULTS[dataset] };
}

/** One line saying where loading stands after an event. */
function datasetEventLine(event: DatasetEvent): string {
  switch (event.type) {
    case "source":
      return `${event.dataset}: ${event.source} (${event.path})`;
    case "download-progress":
      return `${event.file}: ${formatMiB(event.bytes, 1)}` +
        (event.totalBytes ? ` of ${formatMiB(event.totalBytes, 1)}` : "");
    default:
      return `${event.type}${"file" in event ? `: ${event.file}` : ""}`;
  }
}
