/**
 * Watches a run's numbers for the two ways a run goes wrong without crashing: a loss or goodness that is no
 * longer a finite number (the weights are lost: stop before they reach a checkpoint), and a loss or goodness
 * that is growing far beyond where a sane run sits (warn, once per block, while the run can still recover).
 * @module
 */

/** A local loss or goodness that is NaN or infinite; the run stops and keeps its last good checkpoint. */
export class NonFiniteError extends Error {
  /** 0-based block whose value went bad. */
  readonly block: number;
  /** 1-based epoch. */
  readonly epoch: number;
  /** 1-based step within the epoch at which it was seen (the check runs every few steps: see the message). */
  readonly step: number;
  /** What went bad: the block's local loss or its mean goodness. */
  readonly quantity: "loss" | "goodness";

  /**
   * Creates the error; the message names the block, the epoch, the step and the fix.
   * @param fields Which block, epoch, step and quantity, the value, and the steps since the previous check.
   */
  constructor(fields: {
    block: number;
    epoch: number;
    step: number;
    quantity: "loss" | "goodness";
    value: number;
    sinceStep: number;
    learningRate: number;
  }) {
    const { block, epoch, step, quantity, value, sinceStep, learningRate } = fields;
    const where = sinceStep >= step ? `at step ${step}` : `between steps ${sinceStep} and ${step}`;
    const what = quantity === "loss" ? "local loss" : "mean goodness";
    const rate = learningRate.toExponential(2);
    super(
      `Block ${block + 1}'s ${what} became ${value} in epoch ${epoch} ${where}, learning rate ${rate}: the ` +
        `weights are no longer numbers, so the run stopped before saving this epoch (the last good epoch's ` +
        `checkpoint stays); start a new run with a lower learning rate (--lr)`,
    );
    this.name = "NonFiniteError";
    this.block = block;
    this.epoch = epoch;
    this.step = step;
    this.quantity = quantity;
  }
}

/**
 * How far above chance a block's mean local loss may climb before the run warns: a loss of
 * `DIVERGING_LOSS_FACTOR * log(numClasses)` is that many times what a network that guesses uniformly pays.
 * Above it the run warns when the loss grows between checks, or at once when it is a hundred times higher.
 */
export const DIVERGING_LOSS_FACTOR = 10;

/** Growth of a block's mean goodness from one epoch to the next that the run warns about. */
export const EXPLODING_GOODNESS_FACTOR = 100;

/** A warning the health check raised. */
export interface HealthWarning {
  /** 0-based block. */
  readonly block: number;
  /** What grew. */
  readonly quantity: "loss" | "goodness";
  /** The value now. */
  readonly value: number;
  /** One sentence: what grew, how far, what to do. */
  readonly message: string;
}

/**
 * Checks per-block losses (every few steps) and goodness (every epoch); throws {@linkcode NonFiniteError} for
 * NaN or infinity and returns a warning the first time a block diverges.
 *
 * @example A NaN loss stops the run
 * ```ts
 * import { NonFiniteError, TrainingHealth } from "./training_health.ts";
 * const health = new TrainingHealth(10);
 * let caught: unknown;
 * try {
 *   health.checkLosses([0.5, NaN], { epoch: 1, step: 20, sinceStep: 1, learningRate: 1e-3 });
 * } catch (error) {
 *   caught = error;
 * }
 * if (!(caught instanceof NonFiniteError) || caught.block !== 1) throw new Error("expected block 2 to fail");
 * ```
 */
export class TrainingHealth {
  readonly #lossLimit: number;
  readonly #previousLoss: number[] = [];
  readonly #previousGoodness: number[] = [];
  readonly #warned = new Set<string>();

  /**
   * Creates the check.
   * @param numClasses Classes of the dataset (chance loss is log of it).
   */
  constructor(numClasses: number) {
    this.#lossLimit = DIVERGING_LOSS_FACTOR * Math.log(Math.max(2, numClasses));
  }

  /**
   * Checks the mean local loss of each block since the start of the epoch.
   *
   * @param losses Mean loss per block.
   * @param at Epoch, step, first step since the previous check, and the learning rate.
   * @returns New warnings (each block warns once per run).
   */
  checkLosses(
    losses: readonly number[],
    at: { epoch: number; step: number; sinceStep: number; learningRate: number },
  ): HealthWarning[] {
    const warnings: HealthWarning[] = [];
    losses.forEach((value, block) => {
      if (!Number.isFinite(value)) throw new NonFiniteError({ block, quantity: "loss", value, ...at });
      const previous = this.#previousLoss[block];
      this.#previousLoss[block] = value;
      const growing = previous === undefined ? value > 100 * this.#lossLimit : value > previous;
      if (value > this.#lossLimit && growing) {
        const chance = (this.#lossLimit / DIVERGING_LOSS_FACTOR).toFixed(2);
        const message =
          `block ${block + 1}'s local loss is ${value.toPrecision(3)} (epoch ${at.epoch}, step ` +
          `${at.step}), over ${DIVERGING_LOSS_FACTOR}x chance (${chance}): the run is diverging; try a lower ` +
          `learning rate (--lr)`;
        warnings.push(...this.#warn(block, "loss", value, message));
      }
    });
    return warnings;
  }

  /**
   * Checks the mean goodness of each block after an epoch's evaluation.
   *
   * @param goodness Mean goodness per block.
   * @param at Epoch, step (the epoch's last) and the learning rate.
   * @returns New warnings.
   */
  checkGoodness(
    goodness: readonly number[],
    at: { epoch: number; step: number; learningRate: number },
  ): HealthWarning[] {
    const warnings: HealthWarning[] = [];
    goodness.forEach((value, block) => {
      if (!Number.isFinite(value)) {
        throw new NonFiniteError({ block, quantity: "goodness", value, sinceStep: at.step, ...at });
      }
      const previous = this.#previousGoodness[block];
      this.#previousGoodness[block] = value;
      if (
        previous !== undefined && Math.abs(value) > EXPLODING_GOODNESS_FACTOR * Math.abs(previous) && previous
      ) {
        warnings.push(
          ...this.#warn(
            block,
            "goodness",
            value,
            `block ${block + 1}'s mean goodness grew from ${previous.toPrecision(3)} to ${
              value.toPrecision(3)
            } ` +
              `in epoch ${at.epoch}: the run is diverging; try a lower learning rate (--lr)`,
          ),
        );
      }
    });
    return warnings;
  }

  #warn(block: number, quantity: "loss" | "goodness", value: number, message: string): HealthWarning[] {
    const key = `${quantity}${block}`;
    if (this.#warned.has(key)) return [];
    this.#warned.add(key);
    return [{ block, quantity, value, message }];
  }
}
