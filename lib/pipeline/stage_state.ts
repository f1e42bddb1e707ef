/**
 * What one pipeline stage holds: its blocks (with the frozen projections), one optimizer per block, and where
 * it is in the session. It trains a batch exactly as the single-process engine trains those blocks, and saves
 * and restores itself atomically.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { AsgeNetwork } from "../model/asge_network.ts";
import { addBlockArrays, blockWeightsFromArrays } from "../model/model_file.ts";
import { BlockOptimizer } from "../training/block_optimizer.ts";
import { trainBlockStep } from "../training/block_step.ts";
import { readTensorFile, writeTensorFile } from "../util/tensor_file.ts";
import type { StageJob } from "./pipeline_messages.ts";

/** A stage checkpoint's header. */
interface StageCheckpointHeader {
  readonly kind: "asge-stage-checkpoint";
  readonly session: string;
  readonly seq: number;
  readonly stage: number;
  readonly job: StageJob;
  readonly optimizerSteps: readonly number[];
}

/** One batch's result on this stage. */
export interface StageStepResult {
  /** The detached output of the stage's last block (the next stage's input), absent on the last stage. */
  readonly next?: Float32Array;
  /** Per block of the stage: loss times batch size. */
  readonly lossSum: number[];
  /** Per block of the stage: images classified right. */
  readonly correct: number[];
}

/** The blocks, optimizers and position of one stage. */
export class StageState {
  /** The run's job. */
  readonly job: StageJob;
  /** This stage's index (0-based). */
  readonly stage: number;
  /** The session being trained. */
  readonly session: string;
  /** Last input frame whose effect this state includes. */
  seq: number;
  /** First block of the stage. */
  readonly first: number;
  /** One past the stage's last block. */
  readonly end: number;
  readonly #network: AsgeNetwork;
  readonly #optimizers: BlockOptimizer[];

  /**
   * Builds the stage's blocks from the job (weights as the seed draws them; load real ones with
   * {@linkcode StageState.load}).
   *
   * @param job The run's job.
   * @param stage This stage's index.
   * @param session The session.
   * @param seq Sequence number the state stands at.
   */
  constructor(job: StageJob, stage: number, session: string, seq: number) {
    if (!(stage >= 0 && stage < job.ranges.length)) {
      throw new RangeError(`stage ${stage + 1} does not exist: the run has ${job.ranges.length} stages`);
    }
    this.job = job;
    this.stage = stage;
    this.session = session;
    this.seq = seq;
    [this.first, this.end] = job.ranges[stage];
    this.#network = new AsgeNetwork(job.plan, job.encoding, job.seed);
    this.#optimizers = this.#own().map((b) => new BlockOptimizer(job.optimizer, b.variables));
  }

  #own() {
    return this.#network.blocks.slice(this.first, this.end);
  }

  /** Whether this is the last stage (its output goes nowhere). */
  get isLast(): boolean {
    return this.end === this.#network.blocks.length;
  }

  /**
   * Loads the stage's blocks and optimizer states from named arrays (`block<l>.kernel` ... and
   * `opt<l>.<v>.<s>`, as the init frame and checkpoints hold them).
   *
   * @param arrays The arrays (other blocks' entries are ignored).
   * @param optimizerSteps Step count per block, indexed by block (absolute index).
   */
  load(arrays: ReadonlyMap<string, Float32Array>, optimizerSteps: readonly number[]): void {
    const missing = (key: string) =>
      new Error(`stage ${this.stage + 1}: the frame or checkpoint lacks "${key}"`);
    const get = (key: string) => {
      const a = arrays.get(key);
      if (!a) throw missing(key);
      return a;
    };
    this.#own().forEach((block, i) => {
      const l = this.first + i;
      block.load(blockWeightsFromArrays(arrays, l, missing));
      const slotsPerVariable = this.job.optimizer.kind === "adam" ? 2 : 1;
      const slots = block.variables.map((_, v) =>
        Array.from({ length: slotsPerVariable }, (_, s) => get(`opt${l}.${v}.${s}`))
      );
      this.#optimizers[i].writeState({ step: optimizerSteps[l], slots });
    });
  }

  /**
   * Copies the stage's blocks and optimizer states out, named as {@linkcode StageState.load} reads them.
   *
   * @returns The arrays and the optimizers' step counts (indexed by absolute block, others 0).
   */
  async save(): Promise<{ arrays: Map<string, Float32Array>; optimizerSteps: number[] }> {
    const arrays = new Map<string, Float32Array>();
    const optimizerSteps = new Array(this.#network.blocks.length).fill(0);
    const own = this.#own();
    for (let i = 0; i < own.length; i++) {
      const l = this.first + i;
      const block = own[i];
      addBlockArrays(arrays, l, await block.readWeights());
      const state = await this.#optimizers[i].readState();
      optimizerSteps[l] = state.step;
      state.slots.forEach((slots, v) => slots.forEach((slot, s) => arrays.set(`opt${l}.${v}.${s}`, slot)));
    }
    return { arrays, optimizerSteps };
  }

  /**
   * Trains the stage's blocks once on a batch, each on the detached output of the one before, with its own
   * optimizer: the same calls, in the same order, as the single-process engine.
   *
   * @param x The first block's input, NHWC, flat.
   * @param labels Class indices.
   * @param learningRate Rate for this step.
   * @returns The output for the next stage and the per-block sums.
   */
  async train(x: Float32Array, labels: Int32Array, learningRate: number): Promise<StageStepResult> {
    const size = labels.length;
    const [h, w, c] = this.#network.blocks[this.first].shape.inputShape;
    if (x.length !== size * h * w * c) {
      throw new RangeError(
        `stage ${this.stage + 1}: input holds ${x.length} values, expected ${size}x${h}x${w}x${c}`,
      );
    }
    let input = tf.tensor4d(x, [size, h, w, c]);
    const labelTensor = tf.tensor1d(labels, "int32");
    const lossSum: number[] = [];
    const correct: number[] = [];
    const own = this.#own();
    try {
      for (let i = 0; i < own.length; i++) {
        const wantNext = i < own.length - 1 || !this.isLast;
        const result = trainBlockStep(
          own[i],
          input,
          labelTensor,
          this.#optimizers[i],
          learningRate,
          wantNext,
        );
        input.dispose();
        lossSum.push((await result.loss.data())[0] * size);
        correct.push((await result.correct.data())[0]);
        tf.dispose([result.loss, result.correct]);
        if (!result.next) return { lossSum, correct };
        input = result.next;
      }
      return { next: (await input.data()) as Float32Array, lossSum, correct };
    } finally {
      input.dispose();
      labelTensor.dispose();
    }
  }

  /**
   * Writes the state to `path` atomically.
   *
   * @param path The stage's checkpoint file.
   */
  async writeCheckpoint(path: string): Promise<void> {
    const { arrays, optimizerSteps } = await this.save();
    const header: StageCheckpointHeader = {
      kind: "asge-stage-checkpoint",
      session: this.session,
      seq: this.seq,
      stage: this.stage,
      job: this.job,
      optimizerSteps,
    };
    await writeTensorFile(path, header, arrays);
  }

  /**
   * Reads a stage checkpoint, if `path` holds one.
   *
   * @param path The stage's checkpoint file.
   * @param stage The stage index it must belong to.
   * @returns The restored state, or undefined when there is no file.
   */
  static async readCheckpoint(path: string, stage: number): Promise<StageState | undefined> {
    try {
      await Deno.stat(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
    const { header, arrays } = await readTensorFile<StageCheckpointHeader>(path);
    if (header.kind !== "asge-stage-checkpoint" || header.stage !== stage) {
      throw new Error(
        `"${path}" is not the checkpoint of stage ${stage + 1} (it says ${header.kind}, stage ${
          header.stage + 1
        }); ` +
          `give each stage its own --dir`,
      );
    }
    const state = new StageState(header.job, stage, header.session, header.seq);
    state.load(arrays, header.optimizerSteps);
    return state;
  }

  /** Frees the stage's tensors. */
  dispose(): void {
    this.#network.dispose();
    for (const o of this.#optimizers) o.dispose();
  }
}
