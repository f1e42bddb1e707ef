/**
 * Renders the building of a packed image cache (ImageNet) on the terminal: what is built where, a progress line
 * with images/s and time left, restarts and completion.
 * @module
 */
import type { DatasetEvent } from "../../datasets/dataset_events.ts";
import { formatDuration } from "../util/text_format.ts";
import type { TextSink } from "./progress_view.ts";

/**
 * Returns an `onEvent` handler for `cache-*` dataset events; other events are ignored.
 *
 * @param write Where text goes (stderr in the CLI).
 * @param interactive Whether the sink is a terminal (redraws one line) or a log (a line every ~30 s).
 * @returns The handler.
 */
export function cacheEventView(write: TextSink, interactive: boolean): (event: DatasetEvent) => void {
  let lastLine = 0;
  return (event) => {
    switch (event.type) {
      case "cache-start":
        write(
          `cache: packing ${event.count} ${event.dataset} ${event.split} images at ${event.imageSize}x${event.imageSize} ` +
            `into ${event.path}` + (event.resumeFrom ? ` (resuming after ${event.resumeFrom})` : "") + "\n",
        );
        break;
      case "cache-progress": {
        const left = event.imagesPerSecond > 0 ? (event.count - event.done) / event.imagesPerSecond : NaN;
        const text = `cache: ${event.split} ${event.done}/${event.count} images, ` +
          `${event.imagesPerSecond.toFixed(0)} img/s, ETA ${formatDuration(left)}`;
        if (interactive) write(`\r\x1b[2K${text}${event.done === event.count ? "\n" : ""}`);
        else if (performance.now() - lastLine > 30_000 || event.done === event.count) {
          lastLine = performance.now();
          write(text + "\n");
        }
        break;
      }
      case "cache-restart":
        write(`cache: ${event.split}: starting over: ${event.reason}\n`);
        break;
      case "cache-done":
        write(
          `cache: ${event.split} done, ${event.count} images in ${
            formatDuration(event.seconds)
          } (${event.path})\n`,
        );
        break;
      default:
        break;
    }
  };
}
