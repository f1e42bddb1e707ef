/**
 * One ASGE block: conv -> ReLU (once, or `convs` times) -> goodness -> frozen projection, plus the path to the
 * next block.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { EncodingConfig } from "../config/run_config.ts";
import type { SeededRandom } from "../util/seeded_random.ts";
import { channelLayerNorm } from "./channel_layer_norm.ts";
import { drawProjection } from "./frozen_projection.ts";
import { InputDropout } from "./input_dropout.ts";
import type { BlockShape } from "./network_plan.ts";
import { patchGoodness } from "./patch_goodness.ts";
import { pathPool } from "./path_pool.ts";
import { requireBackend } from "./require_backend.ts";
import { rmsPool } from "./rms_pool.ts";

/** RMS pool then channel LayerNorm in one kernel, where a backend registers it. */
const NEXT_KERNEL = "RmsPoolChannelNorm";
/** The epsilons of `rmsPool` and `channelLayerNorm` (their defaults), passed to that kernel too. */
const RMS_EPSILON = 1e-6;
const NORM_EPSILON = 1e-5;

/** What one block computes from its (detached) input. */
export interface BlockOutputs {
  /** Y_l = ReLU(conv(x) + bias) (of the last conv when the block has several), [B, H, W, C_l]. */
  readonly features: tf.Tensor4D;
  /** g_l, [B, C_l * P_l^2]. */
  readonly goodness: tf.Tensor2D;
  /** a_l = W_l g_l + b_l, [B, N]. */
  readonly logits: tf.Tensor2D;
}

/** Saved weights of one block, as {@linkcode AsgeBlock.load} takes them. */
export interface BlockWeights {
  /** First conv's kernel. */
  readonly kernel: Float32Array;
  /** First conv's bias. */
  readonly bias: Float32Array;
  /** W_l. */
  readonly projection: Float32Array;
  /** b_l. */
  readonly projectionBias: Float32Array;
  /** Kernels of the second and later convs (absent for a one-conv block). */
  readonly innerKernels?: readonly Float32Array[];
  /** Their biases (absent for a one-conv block). */
  readonly innerBiases?: readonly Float32Array[];
}

/**
 * A conv layer's trainable weights: a He-normal kernel [k, k, C_in, C_out] (standard deviation sqrt(2 / fan-in),
 * k * k * C_in * C_out draws from `random`, in kernel order) and a zero bias [C_out].
 */
function heNormalConv(
  random: SeededRandom,
  k: number,
  inChannels: number,
  outChannels: number,
): { kernel: tf.Variable<tf.Rank.R4>; bias: tf.Variable<tf.Rank.R1> } {
  const fanIn = k * k * inChannels;
  const values = new Float32Array(fanIn * outChannels);
  const std = Math.sqrt(2 / fanIn);
  for (let i = 0; i < values.length; i++) values[i] = random.nextNormal() * std;
  return {
    kernel: tf.tidy(() => tf.variable(tf.tensor4d(values, [k, k, inChannels, outChannels]), true)),
    bias: tf.tidy(() => tf.variable(tf.zeros([outChannels]), true)),
  };
}

/**
 * An ASGE block. Its trainable parameters are the conv kernels and biases; its projection is frozen.
 */
export class AsgeBlock {
  /** Resolved shapes and partition factor. */
  readonly shape: BlockShape;
  /** Conv kernel [k, k, C_in, C_l]. */
  readonly kernel: tf.Variable<tf.Rank.R4>;
  /** Conv bias [C_l]. */
  readonly bias: tf.Variable<tf.Rank.R1>;
  /** Kernels [k, k, C_l, C_l] of the second and later convs (`convs` > 1; empty for a one-conv block). */
  readonly innerKernels: tf.Variable<tf.Rank.R4>[];
  /** Their biases [C_l], one per inner kernel. */
  readonly innerBiases: tf.Variable<tf.Rank.R1>[];
  /**
   * Frozen W_l, [N, D] (a plain tensor, not a variable: no optimizer can touch it), or, for the last block of a
   * backpropagation baseline (`trainableProjection`), a trainable variable: the learned linear head.
   */
  projection: tf.Tensor2D;
  /** Frozen b_l, [N] (trainable with `trainableProjection`). */
  projectionBias: tf.Tensor1D;
  /** Whether the projection is a learned head (backpropagation baseline) rather than frozen. */
  readonly trainableProjection: boolean;
  /** Method switches. */
  readonly encoding: EncodingConfig;
  /** Dropout on the input while training (`encoding.dropout` > 0), else null. */
  readonly dropout: InputDropout | null;

  /**
   * Creates a block with He-normal conv weights, zero bias and a freshly drawn frozen projection. The weights
   * of the second and later convs are drawn after the first conv and the projection (the dropout stream stays
   * last), so a one-conv block draws what it always did.
   *
   * @param shape The block's resolved shapes (from `planNetwork`).
   * @param numClasses N.
   * @param encoding Method switches.
   * @param random Seeded generator for the conv weights and the projection.
   * @param trainableProjection Make W_l and b_l trainable variables, initialised as drawn (the learned head of
   *   the backpropagation baseline; default false, the ASGE block).
   */
  constructor(
    shape: BlockShape,
    numClasses: number,
    encoding: EncodingConfig,
    random: SeededRandom,
    trainableProjection = false,
  ) {
    requireBackend("new AsgeBlock()");
    this.shape = shape;
    this.encoding = encoding;
    this.trainableProjection = trainableProjection;
    const k = shape.kernelSize;
    const first = heNormalConv(random, k, shape.inputShape[2], shape.channels);
    this.kernel = first.kernel;
    this.bias = first.bias;
    const projection = drawProjection(
      shape.goodnessLength,
      numClasses,
      encoding.projectionScale,
      random,
      encoding.projectionCentering,
    );
    this.projection = tf.tensor2d(projection.weights, [numClasses, shape.goodnessLength]);
    this.projectionBias = tf.tensor1d(projection.bias);
    if (trainableProjection) {
      const [weights, bias] = [this.projection, this.projectionBias];
      this.projection = tf.variable(weights, true) as unknown as tf.Tensor2D;
      this.projectionBias = tf.variable(bias, true) as unknown as tf.Tensor1D;
      tf.dispose([weights, bias]);
    }
    // The second and later convs after everything a one-conv block draws, so its weights stay as they were.
    this.innerKernels = [];
    this.innerBiases = [];
    for (let i = 1; i < (shape.convs ?? 1); i++) {
      const inner = heNormalConv(random, k, shape.channels, shape.channels);
      this.innerKernels.push(inner.kernel);
      this.innerBiases.push(inner.bias);
    }
    // Drawn last, and only when asked for, so that runs without dropout keep their weights and projections.
    const rate = encoding.dropout ?? 0;
    this.dropout = rate > 0 ? new InputDropout(rate, random) : null;
  }

  /**
   * The input a training step sees: x itself, or x with dropout (`encoding.dropout`) applied. Returns x when
   * there is no dropout, else a new tensor.
   *
   * @param x The block's detached input.
   * @returns The training input.
   */
  trainingInput(x: tf.Tensor4D): tf.Tensor4D {
    return this.dropout ? this.dropout.apply(x) : x;
  }

  /**
   * The trainable variables, in checkpoint order: kernel and bias, each inner conv's kernel and bias, then the
   * head's two when it is learned.
   */
  get variables(): tf.Variable[] {
    const own: tf.Variable[] = [this.kernel, this.bias];
    this.innerKernels.forEach((kernel, i) => own.push(kernel, this.innerBiases[i]));
    if (this.trainableProjection) {
      own.push(this.projection as unknown as tf.Variable, this.projectionBias as unknown as tf.Variable);
    }
    return own;
  }

  /** Count of trained parameters (kernels and biases, and the head when it is learned). */
  get trainableParameters(): number {
    return this.variables.reduce((sum, v) => sum + v.size, 0);
  }

  /** Count of frozen parameters (W_l and b_l; none when the projection is a learned head). */
  get frozenParameters(): number {
    return this.trainableProjection ? 0 : this.projection.size + this.projectionBias.size;
  }

  /**
   * Runs the block on a detached input (inference, and any composition you want to differentiate with
   * automatic differentiation).
   *
   * @param x Input, [B, H, W, C_in] (NHWC).
   * @returns Features Y_l, goodness g_l and logits a_l.
   */
  forward(x: tf.Tensor4D): BlockOutputs {
    const conv = (input: tf.Tensor4D, filter: tf.Tensor4D, bias: tf.Tensor1D) =>
      tf.fused.conv2d({ x: input, filter, strides: 1, pad: "same", bias, activation: "relu" });
    // The inner convs' inputs are intermediates, like the pooled map of goodnessSite "post": callers run
    // forward inside tf.tidy (or a gradient), which frees them.
    let features = conv(x, this.kernel, this.bias);
    this.innerKernels.forEach((kernel, i) => features = conv(features, kernel, this.innerBiases[i]));
    const { partition } = this.shape;
    const reduction = this.encoding.goodnessReduction;
    const site = this.encoding.goodnessSite === "pre"
      ? features
      : pathPool(features, this.shape.pool, this.encoding.pool);
    const goodness = patchGoodness(site, partition, reduction);
    return { features, goodness, logits: this.logits(goodness) };
  }

  /**
   * Class logits from goodness with the frozen projection.
   *
   * @param goodness g_l, [B, C_l * P_l^2].
   * @returns a_l = W_l g_l + b_l, [B, N].
   */
  logits(goodness: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(goodness, this.projection, false, true), this.projectionBias) as tf.Tensor2D;
  }

  /**
   * The path to the next block: RMS pool, then channel LayerNorm (r: `encoding.pool` and `encoding.pathNorm`
   * choose other poolings or no norm). The caller detaches the result.
   *
   * @param features Y_l, [B, H, W, C_l].
   * @param differentiable Compose the path from tfjs ops that have gradients instead of the one fused kernel
   *   (which has none): the backpropagation baseline differentiates through it. Default false.
   * @returns x_{l+1}, [B, H / s, W / s, C_l].
   */
  next(features: tf.Tensor4D, differentiable = false): tf.Tensor4D {
    const pool = this.encoding.pool ?? "rms";
    const norm = this.encoding.pathNorm ?? "layer";
    if (pool !== "rms" || norm !== "layer") {
      return tf.tidy(() => {
        const pooled = pathPool(features, this.shape.pool, pool);
        // Without tidy's copy a 1x1 "pool" would hand back `features` itself, which the caller disposes.
        return norm === "none" ? tf.clone(pooled) : channelLayerNorm(pooled, NORM_EPSILON);
      });
    }
    // The same in one kernel where the backend registers it (wasm and onednn: lib/backend/rms_pool_channel_norm.ts).
    if (!differentiable && tf.getKernel(NEXT_KERNEL, tf.getBackend()) !== undefined) {
      const attrs = { pool: this.shape.pool, rmsEpsilon: RMS_EPSILON, normEpsilon: NORM_EPSILON };
      return tf.engine().runKernel(NEXT_KERNEL, { x: features }, attrs) as tf.Tensor4D;
    }
    return tf.tidy(() => channelLayerNorm(rmsPool(features, this.shape.pool, RMS_EPSILON), NORM_EPSILON));
  }

  /**
   * Copies the block's weights out of the backend (the inner convs' only when the block has them).
   *
   * @returns Flat arrays, as {@linkcode AsgeBlock.load} takes them.
   */
  async readWeights(): Promise<BlockWeights> {
    const read = async (t: tf.Tensor) => (await t.data()) as Float32Array;
    const weights: BlockWeights = {
      kernel: await read(this.kernel),
      bias: await read(this.bias),
      projection: await read(this.projection),
      projectionBias: await read(this.projectionBias),
    };
    if (this.innerKernels.length === 0) return weights;
    const innerKernels = [], innerBiases = [];
    for (let i = 0; i < this.innerKernels.length; i++) {
      innerKernels.push(await read(this.innerKernels[i]));
      innerBiases.push(await read(this.innerBiases[i]));
    }
    return { ...weights, innerKernels, innerBiases };
  }

  /**
   * Replaces every weight of the block with saved values (the frozen projection included).
   *
   * @param saved Kernel, bias, projection and projection bias as flat arrays, and the inner convs' kernels and
   *   biases when the block has more than one conv.
   */
  load(saved: BlockWeights): void {
    const convs = this.innerKernels.length + 1;
    const savedConvs = (saved.innerKernels?.length ?? 0) + 1;
    if (savedConvs !== convs || (saved.innerBiases?.length ?? 0) !== convs - 1) {
      throw new RangeError(
        `block ${this.shape.index}: the saved weights hold ${savedConvs} conv(s), the plan has ${convs} ` +
          `(blocks[${this.shape.index}].convs); the file belongs to another config`,
      );
    }
    if (saved.kernel.length !== this.kernel.size || saved.projection.length !== this.projection.size) {
      throw new RangeError(
        `block ${this.shape.index}: saved weights (${saved.kernel.length} kernel values) do not match the plan ` +
          `(${this.kernel.size}); the file belongs to another config`,
      );
    }
    this.innerKernels.forEach((kernel, i) => {
      if (saved.innerKernels![i].length !== kernel.size || saved.innerBiases![i].length !== kernel.shape[3]) {
        throw new RangeError(
          `block ${this.shape.index}: saved conv ${i + 1} (${
            saved.innerKernels![i].length
          } kernel values) does ` +
            `not match the plan (${kernel.size}); the file belongs to another config`,
        );
      }
    });
    tf.tidy(() => {
      this.kernel.assign(tf.tensor(saved.kernel, this.kernel.shape) as tf.Tensor4D);
      this.bias.assign(tf.tensor1d(saved.bias));
      this.innerKernels.forEach((kernel, i) => {
        kernel.assign(tf.tensor(saved.innerKernels![i], kernel.shape) as tf.Tensor4D);
        this.innerBiases[i].assign(tf.tensor1d(saved.innerBiases![i]));
      });
      if (this.trainableProjection) {
        (this.projection as unknown as tf.Variable).assign(
          tf.tensor2d(saved.projection, this.projection.shape),
        );
        (this.projectionBias as unknown as tf.Variable).assign(tf.tensor1d(saved.projectionBias));
      }
    });
    if (this.trainableProjection) return;
    this.projection.dispose();
    this.projectionBias.dispose();
    this.projection = tf.tensor2d(saved.projection, this.projection.shape);
    this.projectionBias = tf.tensor1d(saved.projectionBias);
  }

  /** Frees the block's tensors. */
  dispose(): void {
    this.kernel.dispose();
    this.bias.dispose();
    tf.dispose([...this.innerKernels, ...this.innerBiases]);
    this.projection.dispose();
    this.projectionBias.dispose();
  }
}
