/**
 * Builds a complete, validated run config from a preset and the user's overrides.
 * @module
 */
import { ConfigError } from "./config_error.ts";
import { PRESET_NAMES, PRESETS } from "./presets.ts";
import type { RunConfig } from "./run_config.ts";

/** Top-level fields a user may override (nested objects are merged one level deep). */
export type ConfigOverrides = {
  [K in keyof RunConfig]?: RunConfig[K] extends readonly unknown[] ? RunConfig[K]
    : RunConfig[K] extends object ? Partial<RunConfig[K]>
    : RunConfig[K];
};

/**
 * Returns the preset named `preset` with `overrides` applied, after checking every value.
 *
 * @param preset A key of `PRESETS`.
 * @param overrides Fields to change, e.g. `{ epochs: 2, optimizer: { learningRate: 3e-4 } }`.
 * @returns The resolved config; throws a `RangeError` naming the field and the allowed values.
 * @example Two epochs of the quick preset, at a lower learning rate
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveConfig } from "./resolve_config.ts";
 * const config = resolveConfig("quick", { epochs: 2, optimizer: { learningRate: 1e-4 } });
 * assert.equal(config.epochs, 2);
 * assert.equal(config.optimizer.learningRate, 1e-4);
 * assert.equal(config.optimizer.kind, "adam"); // the rest of the preset's optimizer stays
 * assert.throws(() => resolveConfig("quick", { epochs: 0 }), /Config field "epochs" is 0/);
 * ```
 */
export function resolveConfig(preset: string, overrides: ConfigOverrides = {}): RunConfig {
  const base = PRESETS[preset];
  if (!base) throw new RangeError(`Unknown preset "${preset}"; choose one of: ${PRESET_NAMES.join(", ")}`);
  const config: RunConfig = {
    ...base,
    ...overrides,
    encoding: { ...base.encoding, ...overrides.encoding },
    optimizer: { ...base.optimizer, ...overrides.optimizer },
    augment: { ...base.augment, ...overrides.augment },
  } as RunConfig;
  validateConfig(config);
  return config;
}

/**
 * Checks every field of a run config and throws a {@linkcode ConfigError} (a `RangeError`) naming the first bad
 * one. This is the one place a config's values are checked: the CLI maps its errors back to flag names.
 *
 * @param config The config to check (e.g. read back from a run folder's `config.json`).
 * @throws {RangeError} `Config field "<field>" is <value>; it must be <what it accepts>`.
 * @example A hand-edited config with a negative weight decay
 * ```ts
 * import assert from "node:assert/strict";
 * import { PRESETS } from "./presets.ts";
 * import { validateConfig } from "./resolve_config.ts";
 * const edited = { ...PRESETS.quick, optimizer: { ...PRESETS.quick.optimizer, weightDecay: -1 } };
 * assert.throws(() => validateConfig(edited), /"optimizer.weightDecay" is -1; it must be >= 0/);
 * ```
 */
export function validateConfig(config: RunConfig): void {
  const fail = (field: string, value: unknown, allowed: string): never => {
    throw new ConfigError(field, value, allowed);
  };
  const positiveInt = (field: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) fail(field, value, "a whole number >= 1");
  };
  positiveInt("batchSize", config.batchSize);
  positiveInt("epochs", config.epochs);
  if (!Number.isInteger(config.limit) || config.limit < 0) fail("limit", config.limit, "a whole number >= 0");
  if (!Number.isInteger(config.seed)) fail("seed", config.seed, "a whole number");
  if (!(config.validationFraction >= 0 && config.validationFraction < 1)) {
    fail("validationFraction", config.validationFraction, "in [0, 1)");
  }
  if (!Array.isArray(config.blocks) || config.blocks.length === 0) {
    fail("blocks", config.blocks, "a non-empty list");
  }
  config.blocks.forEach((b, i) => {
    positiveInt(`blocks[${i}].channels`, b.channels);
    positiveInt(`blocks[${i}].pool`, b.pool);
    if (b.partition !== undefined) positiveInt(`blocks[${i}].partition`, b.partition);
    if (b.convs !== undefined) positiveInt(`blocks[${i}].convs`, b.convs);
    if (!Number.isInteger(b.kernelSize) || b.kernelSize % 2 !== 1) {
      fail(`blocks[${i}].kernelSize`, b.kernelSize, "an odd whole number");
    }
  });
  const e = config.encoding;
  if (!(e.alpha >= 0)) fail("encoding.alpha", e.alpha, ">= 0");
  if (!["pre", "post"].includes(e.goodnessSite)) {
    fail("encoding.goodnessSite", e.goodnessSite, `"pre" or "post"`);
  }
  if (!["sum", "mean"].includes(e.goodnessReduction)) {
    fail("encoding.goodnessReduction", e.goodnessReduction, `"sum" or "mean"`);
  }
  if (!(e.projectionScale > 0)) fail("encoding.projectionScale", e.projectionScale, "> 0");
  if (typeof e.projectionCentering !== "boolean") {
    fail("encoding.projectionCentering", e.projectionCentering, "true or false");
  }
  if (!["softmax", "logits", "weighted"].includes(e.fusion)) {
    fail("encoding.fusion", e.fusion, `"softmax", "logits" or "weighted"`);
  }
  const o = config.optimizer;
  if (!["adam", "sgd"].includes(o.kind)) fail("optimizer.kind", o.kind, `"adam" or "sgd"`);
  if (!(o.learningRate > 0)) fail("optimizer.learningRate", o.learningRate, "> 0");
  if (!(o.momentum >= 0 && o.momentum < 1)) fail("optimizer.momentum", o.momentum, "in [0, 1)");
  if (!(o.weightDecay >= 0)) fail("optimizer.weightDecay", o.weightDecay, ">= 0");
  if (!["constant", "cosine", "step"].includes(o.schedule)) {
    fail("optimizer.schedule", o.schedule, `"constant", "cosine" or "step"`);
  }
  if (!(o.warmupEpochs >= 0)) fail("optimizer.warmupEpochs", o.warmupEpochs, ">= 0");
  const oneOf = (field: string, value: unknown, values: readonly string[]) => {
    if (value !== undefined && !values.includes(value as string)) {
      fail(field, value, values.map((v) => `"${v}"`).join(" or "));
    }
  };
  oneOf("encoding.pool", e.pool, ["rms", "max", "avg"]);
  oneOf("encoding.pathNorm", e.pathNorm, ["layer", "none"]);
  const optionalFraction = (field: string, value: number | undefined) => {
    if (value !== undefined && !(value >= 0 && value < 1)) fail(field, value, "in [0, 1)");
  };
  optionalFraction("encoding.labelSmoothing", e.labelSmoothing);
  optionalFraction("encoding.dropout", e.dropout);
  oneOf("training", config.training, ["local", "backprop"]);
  oneOf("inputNormalization", config.inputNormalization, ["dataset", "image"]);
  if (!(o.stepEpochs > 0)) fail("optimizer.stepEpochs", o.stepEpochs, "> 0");
  if (!(o.stepGamma > 0)) fail("optimizer.stepGamma", o.stepGamma, "> 0");
  const a = config.augment;
  if (!Number.isInteger(a.cropPadding) || a.cropPadding < 0) {
    fail("augment.cropPadding", a.cropPadding, "a whole number >= 0");
  }
  if (typeof a.horizontalFlip !== "boolean") {
    fail("augment.horizontalFlip", a.horizontalFlip, "true or false");
  }
}
