/**
 * The plain, JSON-able description of a network and how to train it. A run folder stores the fully resolved
 * config so the run can be replayed.
 * @module
 */

/**
 * One convolutional block of a plan: `convs` times conv k x k (stride 1, same padding, bias) -> ReLU, then the
 * goodness of the last one and an optional pool on the path to the next block.
 */
export interface BlockPlan {
  /** Output channels C_l. */
  readonly channels: number;
  /** Kernel size k (odd). */
  readonly kernelSize: number;
  /** RMS pool window and stride s on the path to the next block; 1 means no pooling. */
  readonly pool: number;
  /**
   * Partition factor P_l of this block instead of `(C_L / C_l)^alpha` (r; absent: from alpha). Like alpha's, it
   * is rounded to the nearest divisor of the height and width of the map the goodness is read from.
   */
  readonly partition?: number;
  /**
   * Convolutions in the block (r; absent: 1), each k x k with C_l outputs, stride 1, same padding, bias and
   * ReLU. They are trained together through the block's own local loss (backpropagation inside the block only,
   * never across blocks); the goodness, the projection and the path read the last one's output Y_l.
   */
  readonly convs?: number;
}

/** Where the goodness is read (r): on Y_l before pooling (`"pre"`, default) or after it (`"post"`). */
export type GoodnessSite = "pre" | "post";

/** How a patch's energy is reduced (r): sum of squares (default) or mean of squares. */
export type GoodnessReduction = "sum" | "mean";

/** How Fusion combines blocks (r): sum of softmax probabilities (default), sum of logits, or weighted softmax. */
export type FusionMode = "softmax" | "logits" | "weighted";

/** Pooling on the path between blocks (r): RMS (default, keeps the energy goodness measures), max or average. */
export type PoolKind = "rms" | "max" | "avg";

/** Normalisation on the path between blocks (r): channel LayerNorm (default) or none. */
export type PathNorm = "layer" | "none";

/** The ASGE method's switches; every (r) choice of ASGE.md is one of these. */
export interface EncodingConfig {
  /** Exponent alpha of the partition factor P_l = (C_L / C_l)^alpha (r). 0 gives plain per-channel goodness. */
  readonly alpha: number;
  /** Where the goodness is read (r). */
  readonly goodnessSite: GoodnessSite;
  /** Sum or mean of squares over a patch (r); sets the logits' softmax temperature. */
  readonly goodnessReduction: GoodnessReduction;
  /** Standard deviation of the frozen projection W_l is `projectionScale / sqrt(dim)` (r, default 1). */
  readonly projectionScale: number;
  /**
   * Subtract each row's mean from the drawn W_l (r, default false). Goodness is non-negative, so with an
   * uncentred W the logits carry a class-dependent offset proportional to the block's total energy; centring
   * removes it, leaving only the pattern of energy to decide the class.
   */
  readonly projectionCentering: boolean;
  /** Fusion rule (r). */
  readonly fusion: FusionMode;
  /** Pooling on the path to the next block (r; absent in configs written before the switch existed: `"rms"`). */
  readonly pool?: PoolKind;
  /** Normalisation on the path to the next block (r; absent: `"layer"`). */
  readonly pathNorm?: PathNorm;
  /**
   * Label smoothing of every block's local loss (r; absent: 0): the targets are `(1 - eps) onehot + eps / N`.
   */
  readonly labelSmoothing?: number;
  /**
   * Dropout on every block's input while it trains (r; absent: 0): the fraction of input values zeroed, the rest
   * scaled up by `1 / (1 - dropout)`. Block 1's input is the image, so there it drops pixels.
   */
  readonly dropout?: number;
}

/** Optimizer kinds available per block. */
export type OptimizerKind = "adam" | "sgd";

/** Learning-rate schedule kinds. */
export type ScheduleKind = "constant" | "cosine" | "step";

/** Per-block optimizer and learning-rate schedule (each block has its own optimizer state). */
export interface OptimizerConfig {
  /** `"adam"` or `"sgd"` (with momentum). */
  readonly kind: OptimizerKind;
  /** Peak learning rate. */
  readonly learningRate: number;
  /** Momentum for SGD; beta1 for Adam. */
  readonly momentum: number;
  /** Decoupled weight decay (AdamW style for Adam, L2 added to the gradient for SGD). */
  readonly weightDecay: number;
  /** Schedule over all training steps. */
  readonly schedule: ScheduleKind;
  /** For `"step"`: multiply the rate by `stepGamma` every `stepEpochs` epochs. */
  readonly stepEpochs: number;
  /** For `"step"`: the factor. */
  readonly stepGamma: number;
  /** Linear warm-up length in epochs (may be fractional); 0 for none. */
  readonly warmupEpochs: number;
}

/** Data augmentation applied to training batches (seeded). */
export interface AugmentConfig {
  /** Random crop after zero padding by this many pixels; 0 disables. */
  readonly cropPadding: number;
  /** Random horizontal flip. */
  readonly horizontalFlip: boolean;
}

/**
 * How the blocks learn: `"local"` (ASGE, default: each block from its own loss, no gradient between blocks) or
 * `"backprop"`, the baseline: the same blocks trained end to end by backpropagation through a learned linear
 * head on the last block's goodness (the last block's projection becomes trainable; the earlier blocks'
 * projections stay frozen and only read out their features).
 */
export type TrainingMode = "local" | "backprop";

/** How pixels are normalised: per dataset (default, fixed per-channel mean and std) or per image (r). */
export type InputNormalization = "dataset" | "image";

/** Everything a run needs: plan, method switches, optimizer, data handling and seed. */
export interface RunConfig {
  /** Name of the preset this config came from (for the record). */
  readonly preset: string;
  /** Dataset name, e.g. `"fashion-mnist"`. */
  readonly dataset: string;
  /** The blocks in order. */
  readonly blocks: readonly BlockPlan[];
  /** Method switches. */
  readonly encoding: EncodingConfig;
  /** Optimizer and schedule, the same settings for every block. */
  readonly optimizer: OptimizerConfig;
  /** Training augmentation. */
  readonly augment: AugmentConfig;
  /** Images per step. */
  readonly batchSize: number;
  /** Number of epochs. */
  readonly epochs: number;
  /** Fraction of the training split held out for validation (model selection, Best strategy). */
  readonly validationFraction: number;
  /** Use only the first `limit` training images (and `limit / 6` test images); 0 for all. For quick checks. */
  readonly limit: number;
  /** Seed for every random choice: weights, projections, validation split, shuffling, augmentation. */
  readonly seed: number;
  /** Local learning or the backpropagation baseline (absent in configs written before the switch: `"local"`). */
  readonly training?: TrainingMode;
  /** Pixel normalisation (absent: `"dataset"`). */
  readonly inputNormalization?: InputNormalization;
}
