/**
 * The optimizer of one block. Every block owns one: no state is shared between blocks.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { OptimizerConfig } from "../config/run_config.ts";

/** Saved optimizer state: the step count and one list of slot arrays per variable. */
export interface OptimizerState {
  /** Updates applied so far. */
  readonly step: number;
  /** Per variable, its slots (Adam: first and second moment; SGD: velocity). */
  readonly slots: Float32Array[][];
}

const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/**
 * Adam (decoupled weight decay, AdamW) or SGD with momentum (weight decay added to the gradient), applied to
 * one block's variables with a learning rate given per step.
 */
export class BlockOptimizer {
  readonly #config: OptimizerConfig;
  readonly #variables: tf.Variable[];
  readonly #slots: tf.Variable[][];
  #step = 0;

  /**
   * Creates a {@linkcode BlockOptimizer}.
   * @param config Optimizer settings (config `optimizer`).
   * @param variables The block's trainable variables.
   */
  constructor(config: OptimizerConfig, variables: tf.Variable[]) {
    this.#config = config;
    this.#variables = variables;
    const slotCount = config.kind === "adam" ? 2 : 1;
    this.#slots = variables.map((v) =>
      Array.from({ length: slotCount }, () => tf.tidy(() => tf.variable(tf.zerosLike(v), false)))
    );
  }

  /**
   * Applies one update.
   *
   * @param gradients Gradient per variable name (as `tf.variableGrads` returns them).
   * @param learningRate Rate for this step.
   */
  apply(gradients: tf.NamedTensorMap, learningRate: number): void {
    this.#step++;
    const { kind, momentum, weightDecay } = this.#config;
    tf.tidy(() => {
      this.#variables.forEach((variable, i) => {
        const gradient = gradients[variable.name];
        if (!gradient) throw new Error(`BlockOptimizer: no gradient for variable ${variable.name}`);
        const slots = this.#slots[i];
        if (kind === "adam") {
          const [m, v] = slots;
          m.assign(tf.add(tf.mul(m, momentum), tf.mul(gradient, 1 - momentum)));
          v.assign(tf.add(tf.mul(v, ADAM_BETA2), tf.mul(tf.square(gradient), 1 - ADAM_BETA2)));
          const mHat = tf.div(m, 1 - Math.pow(momentum, this.#step));
          const vHat = tf.div(v, 1 - Math.pow(ADAM_BETA2, this.#step));
          let update = tf.div(mHat, tf.add(tf.sqrt(vHat), ADAM_EPSILON));
          if (weightDecay > 0) update = tf.add(update, tf.mul(variable, weightDecay));
          variable.assign(tf.sub(variable, tf.mul(update, learningRate)));
        } else {
          const [velocity] = slots;
          const g = weightDecay > 0 ? tf.add(gradient, tf.mul(variable, weightDecay)) : gradient;
          velocity.assign(tf.add(tf.mul(velocity, momentum), g));
          variable.assign(tf.sub(variable, tf.mul(velocity, learningRate)));
        }
      });
    });
  }

  /** Copies the state out of the backend, for a checkpoint. */
  async readState(): Promise<OptimizerState> {
    const slots: Float32Array[][] = [];
    for (const list of this.#slots) {
      slots.push(await Promise.all(list.map(async (s) => (await s.data()) as Float32Array)));
    }
    return { step: this.#step, slots };
  }

  /** Restores a state read by {@linkcode BlockOptimizer.readState}. */
  writeState(state: OptimizerState): void {
    if (state.slots.length !== this.#slots.length) {
      throw new RangeError(
        `optimizer state holds ${state.slots.length} variables, expected ${this.#slots.length}`,
      );
    }
    this.#step = state.step;
    tf.tidy(() =>
      this.#slots.forEach((list, i) =>
        list.forEach((slot, j) => slot.assign(tf.tensor(state.slots[i][j], slot.shape)))
      )
    );
  }

  /** Frees the slot tensors. */
  dispose(): void {
    for (const list of this.#slots) for (const slot of list) slot.dispose();
  }
}
