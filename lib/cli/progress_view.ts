/**
 * Renders training events on the terminal: a live progress line on a TTY, periodic lines otherwise.
 * @module
 */
import type { TrainEvent } from "../training/train_events.ts";
import { formatDuration, formatPercent, textTable } from "../util/text_format.ts";

/** Writes text to a stream without a newline. */
export type TextSink = (text: string) => void;

/**
 * Returns an `onEvent` handler that shows epoch, step, images/s, loss per block and ETA.
 *
 * @param write Where text goes (stderr in the CLI).
 * @param interactive Whether the sink is a terminal (redraws one line) or a log (prints every ~10%).
 * @returns The handler.
 */
export function progressView(write: TextSink, interactive: boolean): (event: TrainEvent) => void {
  let lastLogged = -1;
  let lineOpen = false;
  const endLine = () => {
    if (lineOpen) write("\n");
    lineOpen = false;
  };
  return (event) => {
    switch (event.type) {
      case "start": {
        const { plan, images, config, startEpoch } = event;
        endLine();
        write(
          `${config.dataset}, preset ${config.preset}: ${images.train} train / ${images.validation} validation / ` +
            `${images.test} test images, ${event.stepsPerEpoch} steps per epoch, ${config.epochs} epochs` +
            (startEpoch ? ` (resuming after epoch ${startEpoch})` : "") + "\n",
        );
        write(
          textTable(
            ["block", "input", "channels", "pool", "P", "goodness length"],
            plan.blocks.map((b) => [
              String(b.index + 1),
              b.inputShape.join("x"),
              String(b.channels),
              String(b.pool),
              String(b.partition),
              String(b.goodnessLength),
            ]),
          ) + "\n",
        );
        break;
      }
      case "step": {
        const fraction = event.step / event.stepsPerEpoch;
        const width = 24;
        const filled = Math.round(fraction * width);
        const text = `epoch ${event.epoch} [${"#".repeat(filled)}${".".repeat(width - filled)}] ` +
          `${event.step}/${event.stepsPerEpoch}  ${event.imagesPerSecond.toFixed(0)} img/s  loss ` +
          event.blockLoss.map((l) => l.toFixed(3)).join(" ") + `  lr ${event.learningRate.toExponential(1)}` +
          `  ETA ${formatDuration(event.etaSeconds)}`;
        if (interactive) {
          write(`\r\x1b[2K${text}`);
          lineOpen = true;
        } else {
          const decile = Math.floor(fraction * 10);
          if (decile !== lastLogged) write(text + "\n");
          lastLogged = decile;
        }
        break;
      }
      case "evaluate":
        if (interactive) {
          write(`\r\x1b[2Kepoch ${event.epoch}: evaluating ${event.images} ${event.split} images`);
          lineOpen = true;
        }
        break;
      case "epoch": {
        endLine();
        lastLogged = -1;
        const m = event.metrics;
        write(
          `epoch ${m.epoch}: test last ${formatPercent(m.testAccuracy.last)}, fusion ${
            formatPercent(m.testAccuracy.fusion)
          }, ` +
            `best ${formatPercent(m.testAccuracy.best)} (block ${m.bestBlock + 1}); per block ` +
            m.blocks.map((b) => formatPercent(b.testAccuracy)).join(" ") +
            `; ${m.imagesPerSecond.toFixed(0)} img/s, train ${formatDuration(m.trainSeconds)}, eval ` +
            `${formatDuration(m.evalSeconds)}\n`,
        );
        break;
      }
      case "warning":
        endLine();
        write(`warning: ${event.message}\n`);
        break;
      case "checkpoint":
        break;
    }
  };
}
