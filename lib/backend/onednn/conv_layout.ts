/**
 * Which memory formats the oneDNN convolutions run on, by pass and shape.
 *
 * oneDNN 2.6's fast convolutions (`brgconv:avx512_core` forward, `jit:avx512_core` gradients) read NHWC
 * activations but want the filter in a blocked format of their own; handed tfjs's HWIO filter as it is, oneDNN
 * falls back to im2col + gemm (`x64:gemm:jit`), 2-25x slower. Reordering the filter on every call costs little
 * (it is small next to the activations); reordering the activations too ("blocked") gains nothing once its
 * reorders are paid. GFLOP/s, one thread, batch 64, 3x3 same, reorders included (`_layout_probe`, a loaded
 * 2-core EPYC, so the larger shapes read low):
 *
 * | shape (H, C_in -> C_out) | forward plain / blocked-weights / blocked | weight gradient | input gradient |
 * |---------------------------|--------------------------------------------|-----------------|----------------|
 * | 28, 1 -> 32               | 10 / 58 / 58                               | 2 / 37 / 35     | 16 / 9 / 7     |
 * | 32, 3 -> 64               | 11 / 93 / 121                              | 2 / 71 / 30     | 21 / 10 / 9    |
 * | 14, 32 -> 64              | 29 / 150 / 143                             | 17 / 151 / 70   | 111 / 129 / 132|
 * | 7, 64 -> 128              | 77 / 157 / 159                             | 80 / 152 / 134  | 59 / 165 / 160 |
 * | 28, 64 -> 128             | 28 / 62 / 48                               | 13 / 44 / 37    | 37 / 40 / 47   |
 * | 16, 128 -> 256            | 56 / 59 / 54                               | 23 / 53 / 33    | 58 / 46 / 49   |
 * | 8, 256 -> 512             | 32 / 63 / 44                               | 28 / 38 / 42    | 23 / 56 / 51   |
 *
 * So: blocked filters everywhere, except the input gradient of a layer with few input channels, where the
 * plain gemm path wins (ASGE never needs that one: a block's input is detached).
 * @module
 */
import type { ConvLayout, ConvSpec } from "./_conv_primitive.ts";

/** Input gradients with at most this many input channels stay on tfjs's HWIO filter (gemm path). */
export const PLAIN_INPUT_GRADIENT_MAX_CHANNELS = 4;

/**
 * Picks the layout of a convolution primitive (see the table above).
 *
 * @param spec The convolution (its layout not yet chosen).
 * @returns "plain" (tfjs's NHWC/HWIO buffers directly) or "blocked-weights" (filter reordered per call).
 * @example The first layer's input gradient keeps the plain filter
 * ```ts
 * import { convLayout } from "./conv_layout.ts";
 * const conv = { n: 64, h: 28, w: 28, ci: 1, oh: 28, ow: 28, co: 32, kh: 3, kw: 3, sh: 1, sw: 1, pt: 1, pl: 1, pb: 1, pr: 1, bias: false, relu: false };
 * if (convLayout({ ...conv, pass: "backward-data" }) !== "plain") throw new Error();
 * if (convLayout({ ...conv, pass: "forward" }) !== "blocked-weights") throw new Error();
 * ```
 */
export function convLayout(spec: Omit<ConvSpec, "layout">): ConvLayout {
  if (spec.pass === "backward-data" && spec.ci <= PLAIN_INPUT_GRADIENT_MAX_CHANNELS) return "plain";
  return "blocked-weights";
}
