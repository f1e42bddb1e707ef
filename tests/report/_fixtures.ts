/**
 * Plausible synthetic run data for the report tests: a 4-block network trained 8 epochs on 10 classes, strategy
 * summaries, a confusion matrix, mean logits, patch goodness maps and drawn images (grey and RGB).
 * @module
 */

import { SeededRandom } from "../../lib/util/seeded_random.ts";
import type { EpochMetrics } from "../../lib/training/epoch_metrics.ts";
import type { StrategySummary } from "../../lib/prediction/strategy_summary.ts";
import type { RunConfig } from "../../lib/config/run_config.ts";
import type { HtmlReportInput } from "../../lib/report/html_report.ts";

export const CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt"]
  .concat(["Sneaker", "Bag", "Ankle boot"]);

/** `epochs` records of a `blocks`-block run; validation NaN when `withValidation` is false. */
export function fakeEpochs(epochs = 8, blocks = 4, withValidation = true): EpochMetrics[] {
  const random = new SeededRandom(3);
  const out: EpochMetrics[] = [];
  for (let e = 1; e <= epochs; e++) {
    const progress = 1 - Math.exp(-e / 3);
    const perBlock = Array.from({ length: blocks }, (_, b) => {
      const ceiling = 0.8 + 0.035 * b;
      const test = ceiling * progress + 0.1 * (1 - progress) + 0.004 * random.next();
      return {
        trainLoss: (2.3 - 1.9 * progress) * (1 - 0.05 * b) + 0.02 * random.next(),
        trainAccuracy: Math.min(0.99, test + 0.03),
        validationAccuracy: withValidation ? test + 0.005 : Number.NaN,
        testAccuracy: test,
        meanGoodness: 10 ** (b * 0.8) * (1 + 0.3 * progress),
      };
    });
    const best = perBlock.reduce((bi, b, i) => (b.testAccuracy > perBlock[bi].testAccuracy ? i : bi), 0);
    const strategies = {
      last: perBlock[blocks - 1].testAccuracy,
      fusion: perBlock[blocks - 1].testAccuracy + 0.012,
      best: perBlock[best].testAccuracy,
    };
    out.push({
      epoch: e,
      blocks: perBlock,
      testAccuracy: strategies,
      validationAccuracy: withValidation
        ? { last: strategies.last + 0.004, fusion: strategies.fusion + 0.004, best: strategies.best + 0.004 }
        : { last: Number.NaN, fusion: Number.NaN, best: Number.NaN },
      bestBlock: best,
      learningRate: 1e-3 * Math.cos((Math.PI / 2) * ((e - 1) / epochs)),
      imagesPerSecond: 850 + 20 * random.next(),
      trainSeconds: 64 + random.next(),
      evalSeconds: 6 + random.next(),
    });
  }
  return out;
}

/** Summaries of Last, Fusion and Best for a 4-block network. */
export function fakeStrategies(): StrategySummary[] {
  const common = { validationAccuracy: 0.9 };
  return [
    {
      ...common,
      strategy: "last",
      testAccuracy: 0.9012,
      blocksUsed: 4,
      trainableParameters: 1_180_000,
      frozenParameters: 20_490,
      flopsPerImage: 310e6,
      peakBytes: 6.1 * 2 ** 20,
    },
    {
      ...common,
      strategy: "fusion",
      testAccuracy: 0.9131,
      blocksUsed: 4,
      trainableParameters: 1_180_000,
      frozenParameters: 1_331_240,
      flopsPerImage: 336e6,
      peakBytes: 11.4 * 2 ** 20,
    },
    {
      ...common,
      strategy: "best",
      testAccuracy: 0.8874,
      blocksUsed: 2,
      trainableParameters: 74_000,
      frozenParameters: 655_370,
      flopsPerImage: 95e6,
      peakBytes: 3.2 * 2 ** 20,
    },
  ];
}

/** A 10-class confusion matrix with a strong diagonal and shirt/T-shirt confusions. */
export function fakeConfusion(): number[][] {
  return CLASS_NAMES.map((_, t) =>
    CLASS_NAMES.map((_, p) => (t === p ? 850 + 10 * t : Math.abs(t - p) === 6 || (t + p) % 7 === 0 ? 40 : 5))
  );
}

/** Mean logits per block: the diagonal grows with depth. */
export function fakeMeanLogits(blocks = 4, n = 10): number[][][] {
  return Array.from(
    { length: blocks },
    (_, b) =>
      Array.from(
        { length: n },
        (_, t) => Array.from({ length: n }, (_, c) => (t === c ? 2 + 1.5 * b : 0.3 * (c % 3))),
      ),
  );
}

/** `count` images of a filled disc on a gradient, NHWC; grey when `channels` is 1. */
export function fakeImages(count: number, size: number, channels: 1 | 3): Uint8Array {
  const pixels = new Uint8Array(count * size * size * channels);
  for (let i = 0; i < count; i++) {
    const cx = size * (0.3 + 0.4 * ((i * 37) % 10) / 10);
    const radius = size * (0.15 + 0.02 * (i % 5));
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const inside = (x - cx) ** 2 + (y - size / 2) ** 2 < radius ** 2;
        const at = ((i * size + y) * size + x) * channels;
        for (let c = 0; c < channels; c++) {
          pixels[at + c] = inside ? (c === i % 3 || channels === 1 ? 240 : 60) : Math.round((x / size) * 90);
        }
      }
    }
  }
  return pixels;
}

/** A P x P map peaking at (row, column). */
export function fakePatchMap(p: number, row: number, column: number, scale: number): number[][] {
  return Array.from(
    { length: p },
    (_, i) =>
      Array.from({ length: p }, (_, j) => scale * Math.exp(-((i - row) ** 2 + (j - column) ** 2) / (p / 2))),
  );
}

/** A run config of a small VGG-style plan. */
export function fakeConfig(): RunConfig {
  return {
    preset: "fmnist-vgg4",
    dataset: "fashion-mnist",
    blocks: [64, 128, 256, 512].map((channels) => ({ channels, kernelSize: 3, pool: 2 })),
    encoding: {
      alpha: 1,
      goodnessSite: "pre",
      goodnessReduction: "sum",
      projectionScale: 1,
      projectionCentering: false,
      fusion: "softmax",
    },
    optimizer: {
      kind: "adam",
      learningRate: 1e-3,
      momentum: 0.9,
      weightDecay: 5e-4,
      schedule: "cosine",
      stepEpochs: 10,
      stepGamma: 0.1,
      warmupEpochs: 0.5,
    },
    augment: { cropPadding: 2, horizontalFlip: true },
    batchSize: 128,
    epochs: 8,
    validationFraction: 0.1,
    limit: 0,
    seed: 1,
  };
}

/** A report input with every part filled (RGB 32x32 samples with some wrong predictions). */
export function fakeReportInput(): HtmlReportInput {
  const images = fakeImages(16, 32, 3);
  const grey = fakeImages(3, 28, 1);
  const perImage = 28 * 28;
  return {
    title: "fashion-mnist · fmnist-vgg4 · seed 1 <script>alert(1)</script>",
    subtitle: "runs/2026-11-29_fmnist-vgg4_s1",
    createdAt: "2026-11-29T10:00:00.000Z",
    config: fakeConfig(),
    epochs: fakeEpochs(),
    strategies: fakeStrategies(),
    paper: { top1: 93.41, source: "ASGE v2" },
    confusion: { counts: fakeConfusion(), classNames: CLASS_NAMES },
    classGoodness: { blocks: fakeMeanLogits(), classNames: CLASS_NAMES },
    patchGoodness: {
      images: [0, 1, 2].map((i) => ({
        pixels: grey.subarray(i * perImage, (i + 1) * perImage),
        height: 28,
        width: 28,
        channels: 1,
        label: `${CLASS_NAMES[i]} <i>`,
        blocks: [8, 4, 2, 1].map((p, b) => fakePatchMap(p, (p * (i + 1)) / 4, p / 2, 10 ** b)),
      })),
    },
    samples: {
      images,
      labels: Array.from({ length: 16 }, (_, i) => i % 10),
      predictions: Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? (i + 1) % 10 : i % 10)),
      height: 32,
      width: 32,
      channels: 3,
      classNames: CLASS_NAMES,
    },
  };
}
