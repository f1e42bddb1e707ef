import assert from "node:assert/strict";
import { PRESETS } from "../../lib/config/presets.ts";
import { resolveConfig, validateConfig } from "../../lib/config/resolve_config.ts";
import type { RunConfig } from "../../lib/config/run_config.ts";

/** A copy of the quick preset with one field, named by its dotted path ("optimizer.momentum"), set. */
function withField(path: string, value: unknown): RunConfig {
  const config = structuredClone(PRESETS.quick) as unknown as Record<string, unknown>;
  const keys = path.replace(/\[(\d+)\]/g, ".$1").split(".");
  let target = config;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return config as unknown as RunConfig;
}

/** Every rule: the field, values it refuses, and the edge values it accepts. */
const RULES: readonly { field: string; bad: unknown[]; good: unknown[] }[] = [
  { field: "batchSize", bad: [0, -1, 1.5, NaN, "64"], good: [1, 4096] },
  { field: "epochs", bad: [0, -3, 2.5, Infinity], good: [1] },
  { field: "limit", bad: [-1, 0.5, NaN], good: [0, 1] },
  { field: "seed", bad: [0.5, NaN, "1"], good: [0, -7, 123456789] },
  { field: "validationFraction", bad: [-0.1, 1, 2, NaN], good: [0, 0.5, 0.999] },
  { field: "blocks", bad: [[], "3x3"], good: [[{ channels: 1, kernelSize: 1, pool: 1 }]] },
  { field: "blocks[1].channels", bad: [0, 2.5, -8], good: [1] },
  { field: "blocks[0].pool", bad: [0, 1.5], good: [1, 4] },
  { field: "blocks[2].kernelSize", bad: [2, 4, 0, 3.5], good: [1, 5, 7] },
  { field: "blocks[1].convs", bad: [0, -1, 1.5, NaN, "2"], good: [1, 2, 4] },
  { field: "encoding.alpha", bad: [-0.5, NaN], good: [0, 2.5] },
  { field: "encoding.goodnessSite", bad: ["middle", ""], good: ["pre", "post"] },
  { field: "encoding.goodnessReduction", bad: ["max"], good: ["sum", "mean"] },
  { field: "encoding.projectionScale", bad: [0, -1, NaN], good: [1e-6, 3] },
  { field: "encoding.projectionCentering", bad: ["yes", 1], good: [true, false] },
  { field: "encoding.fusion", bad: ["vote"], good: ["softmax", "logits", "weighted"] },
  { field: "optimizer.kind", bad: ["rmsprop"], good: ["adam", "sgd"] },
  { field: "optimizer.learningRate", bad: [0, -1e-3, NaN], good: [1e-9, 1] },
  { field: "optimizer.momentum", bad: [-0.1, 1, NaN], good: [0, 0.99] },
  { field: "optimizer.weightDecay", bad: [-1e-4, NaN], good: [0, 0.1] },
  { field: "optimizer.schedule", bad: ["linear"], good: ["constant", "cosine", "step"] },
  { field: "optimizer.warmupEpochs", bad: [-1, NaN], good: [0, 0.5, 3] },
  { field: "optimizer.stepEpochs", bad: [0, -2, NaN], good: [0.5, 10] },
  { field: "optimizer.stepGamma", bad: [0, -0.1, NaN], good: [0.1, 1] },
  { field: "augment.cropPadding", bad: [-1, 1.5, NaN], good: [0, 4] },
  { field: "augment.horizontalFlip", bad: ["true", 0], good: [true, false] },
];

/** How the error shows a value: JSON, except that NaN and Infinity stay readable. */
const shown = (value: unknown) => typeof value === "number" ? String(value) : JSON.stringify(value);

for (const { field, bad, good } of RULES) {
  Deno.test(`validateConfig() refuses a bad ${field}, naming the field and the value`, () => {
    for (const value of bad) {
      assert.throws(
        () => validateConfig(withField(field, value)),
        (error: Error) =>
          error instanceof RangeError &&
          error.message.startsWith(`Config field "${field}" is ${shown(value)}; it must be `),
        `${field} = ${shown(value)}`,
      );
    }
    for (const value of good) validateConfig(withField(field, value));
  });
}

Deno.test("validateConfig() accepts every preset as it stands", () => {
  for (const config of Object.values(PRESETS)) validateConfig(config);
});

Deno.test("resolveConfig() merges nested overrides one level deep and leaves the preset alone", () => {
  const before = structuredClone(PRESETS.quick);
  const config = resolveConfig("quick", {
    epochs: 2,
    optimizer: { learningRate: 1e-4 },
    encoding: { alpha: 0 },
    augment: { horizontalFlip: true },
  });
  assert.equal(config.epochs, 2);
  assert.deepEqual(config.optimizer, { ...PRESETS.quick.optimizer, learningRate: 1e-4 });
  assert.deepEqual(config.encoding, { ...PRESETS.quick.encoding, alpha: 0 });
  assert.deepEqual(config.augment, { ...PRESETS.quick.augment, horizontalFlip: true });
  assert.deepEqual(PRESETS.quick, before);
});

Deno.test("resolveConfig() validates the overrides and names an unknown preset", () => {
  assert.throws(() => resolveConfig("quick", { optimizer: { momentum: 1 } }), /"optimizer.momentum" is 1/);
  assert.throws(
    () => resolveConfig("huge"),
    /Unknown preset "huge"; choose one of: quick, vgg-grey/,
  );
});

Deno.test("validateConfig() says what blocks[i].convs accepts", () => {
  assert.throws(
    () => validateConfig(withField("blocks[0].convs", 0)),
    /Config field "blocks\[0\]\.convs" is 0; it must be a whole number >= 1/,
  );
});
