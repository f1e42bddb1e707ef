/**
 * Renders dataset events (sources, downloads, verification) on the terminal.
 * @module
 */
import type { DatasetEvent } from "../../datasets/dataset_events.ts";
import type { TextSink } from "./progress_view.ts";

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

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
            (event.resumeFromBytes ? `, resuming at ${mib(event.resumeFromBytes)}` : "") + "\n",
        );
        break;
      case "download-progress":
        if (performance.now() - lastProgress > 2000) {
          lastProgress = performance.now();
          const total = event.totalBytes ? ` of ${mib(event.totalBytes)}` : "";
          write(`  ${event.file}: ${mib(event.bytes)}${total} at ${mib(event.bytesPerSecond)}/s\n`);
        }
        break;
      case "download-restart":
      case "mirror-failed":
        write(`download: ${event.file}: ${event.reason}\n`);
        break;
      case "download-done":
        write(
          `download: ${event.file} done, ${mib(event.bytes)} in ${event.seconds.toFixed(1)} s, verified\n`,
        );
        break;
      default:
        break;
    }
  };
}
