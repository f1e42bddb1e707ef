/**
 * Renders dataset events (sources, downloads, verification) on the terminal.
 * @module
 */
import type { DatasetEvent } from "../../datasets/dataset_events.ts";
import { formatMiB } from "../util/text_format.ts";
import type { TextSink } from "./progress_view.ts";

/**
 * Returns an `onEvent` handler for dataset loading.
 *
 * @param write Where text goes.
 * @returns The handler.
 */
export function datasetEventView(write: TextSink): (event: DatasetEvent) => void {
  let lastProgress = 0;
  return (event) => {
    switch (event.type) {
      case "source":
        write(`data: ${event.dataset} from ${event.source} (${event.path})\n`);
        break;
      case "download-start":
        write(
          `download: ${event.file} from ${event.url}` +
            (event.resumeFromBytes ? `, resuming at ${formatMiB(event.resumeFromBytes, 1)}` : "") + "\n",
        );
        break;
      case "download-progress":
        if (performance.now() - lastProgress > 2000) {
          lastProgress = performance.now();
          const total = event.totalBytes ? ` of ${formatMiB(event.totalBytes, 1)}` : "";
          write(
            `  ${event.file}: ${formatMiB(event.bytes, 1)}${total} at ${
              formatMiB(event.bytesPerSecond, 1)
            }/s\n`,
          );
        }
        break;
      case "download-restart":
      case "mirror-failed":
        write(`download: ${event.file}: ${event.reason}\n`);
        break;
      case "download-done":
        write(
          `download: ${event.file} done, ${formatMiB(event.bytes, 1)} in ${
            event.seconds.toFixed(1)
          } s, verified\n`,
        );
        break;
      default:
        break;
    }
  };
}
