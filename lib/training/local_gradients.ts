/**
 * The gradient of a block's local loss with respect to its own conv kernel and bias, written out by hand.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { AsgeBlock } from "../model/asge_block.ts";
import { localLoss, lossTargets } from "./local_loss.ts";

/**
 * A kernel computing dW and db of a convolution in one pass over dy, which backends may register (the onednn
 * backend does: `lib/backend/onednn/conv2d_backprop_filter.ts`); elsewhere db is a one-row matrix product.
 */
const FILTER_BIAS_KERNEL = "Conv2DBackpropFilterBias";

/** What {@linkcode localGradients} returns; the caller disposes every tensor. */
export interface LocalGradients {
  /** L_l on the batch (scalar). */
  readonly loss: tf.Scalar;
  /** Images of the batch this block classified right (scalar). */
  readonly correct: tf.Scalar;
  /** Y_l of this forward pass, [B, H, W, C_l], for the path to the next block. */
  readonly features: tf.Tensor4D;
  /** dL_l/dW_l and dL_l/db_l by variable name, as `BlockOptimizer.apply` takes them. */
  readonly gradients: tf.NamedTensorMap;
}

/**
 * Forward pass and local-loss gradient of one block. The chain rule through the block, with a = W_proj g + b_proj,
 * g the patch energies of Y = ReLU(z), z = conv(x, W) + b:
 *
 *     dL/da = (softmax(a) - t(y)) / B            (t: one-hot, or smoothed by encoding.labelSmoothing)
 *     dL/dg = dL/da W_proj                       (the projection is frozen: no gradient for it)
 *     dL/dz = 2 Y * upsample(dL/dg) [/ patch area for "mean"]   (Y = 0 where z <= 0, as ReLU' is)
 *     dL/dW = Conv2DBackpropFilter(x, dL/dz),    dL/db = 1^T dL/dz   (one kernel where the backend fuses them)
 *
 * x is a constant here: nothing is computed for it, so no gradient can cross into the previous block.
 * Automatic differentiation of the same forward pass runs about ten more full-size kernels (ReLU's step and
 * cast, square's cast and multiplies, a transposing sum for the bias, copies of saved tensors); this runs one
 * broadcast multiply, the filter gradient and a one-row matrix product. Goodness read after pooling
 * (`goodnessSite: "post"`) and blocks of more than one conv (`convs` > 1) fall back to automatic
 * differentiation, inside the block only: x stays a constant there too.
 *
 * @param block The block.
 * @param x Its detached input, [B, H, W, C_in].
 * @param labels Class indices, int32 [B].
 * @returns Loss, count right, features and gradients.
 */
export function localGradients(block: AsgeBlock, x: tf.Tensor4D, labels: tf.Tensor1D): LocalGradients {
  const numClasses = block.projection.shape[0];
  if (block.encoding.goodnessSite !== "pre" || block.innerKernels.length > 0) {
    return autodiffGradients(block, x, labels);
  }
  return tf.tidy(() => {
    // The input this step trains on: x, or x with dropout (encoding.dropout); still a constant.
    const input = block.trainingInput(x);
    const { features, goodness } = block.forward(input);
    const logits = block.logits(goodness);
    const targets = lossTargets(labels, numClasses, block.encoding.labelSmoothing ?? 0);
    const [batch, height, width, channels] = features.shape;
    const { partition } = block.shape;
    const patchH = height / partition;
    const patchW = width / partition;
    const dLogits = tf.div(tf.sub(tf.softmax(logits), targets), batch) as tf.Tensor2D;
    const scale = block.encoding.goodnessReduction === "sum" ? 2 : 2 / (patchH * patchW);
    const dGoodness = tf.matMul(tf.mul(dLogits, scale), block.projection);
    const perPatch = tf.reshape(dGoodness, [batch, partition, 1, partition, 1, channels]);
    const y6 = tf.reshape(features, [batch, partition, patchH, partition, patchW, channels]);
    const dz = tf.reshape(tf.mul(y6, perPatch), [batch, height, width, channels]) as tf.Tensor4D;
    const attrs = { strides: [1, 1], pad: "same", dataFormat: "NHWC", filterShape: block.kernel.shape };
    let dKernel: tf.Tensor4D;
    let dBias: tf.Tensor;
    if (tf.getKernel(FILTER_BIAS_KERNEL, tf.getBackend()) !== undefined) {
      [dKernel, dBias] = tf.engine().runKernel(FILTER_BIAS_KERNEL, { x: input, dy: dz }, attrs) as [
        tf.Tensor4D,
        tf.Tensor,
      ];
    } else {
      dKernel = tf.engine().runKernel("Conv2DBackpropFilter", { x: input, dy: dz }, attrs) as tf.Tensor4D;
      const pixels = batch * height * width;
      dBias = tf.reshape(tf.matMul(tf.ones([1, pixels]), tf.reshape(dz, [pixels, channels])), [channels]);
    }
    return {
      loss: localLoss(logits, targets),
      correct: tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), "float32")) as tf.Scalar,
      features,
      gradients: { [block.kernel.name]: dKernel, [block.bias.name]: dBias },
    };
  });
}

/**
 * The same, by automatic differentiation of `block.forward` (any goodness site, any number of convs), with
 * respect to the block's own variables only.
 *
 * @param block The block.
 * @param x Its detached input, [B, H, W, C_in].
 * @param labels Class indices, int32 [B].
 * @returns Loss, count right, features and gradients.
 */
export function autodiffGradients(block: AsgeBlock, x: tf.Tensor4D, labels: tf.Tensor1D): LocalGradients {
  let features: tf.Tensor4D | undefined;
  let correct: tf.Scalar | undefined;
  const numClasses = block.projection.shape[0];
  const input = block.trainingInput(x);
  const { value, grads } = tf.variableGrads(() => {
    const out = block.forward(input);
    features = tf.keep(out.features);
    correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(out.logits, 1), labels), "float32")) as tf.Scalar);
    return localLoss(out.logits, lossTargets(labels, numClasses, block.encoding.labelSmoothing ?? 0));
  }, block.variables);
  if (input !== x) input.dispose();
  return { loss: value, correct: correct!, features: features!, gradients: grads };
}
