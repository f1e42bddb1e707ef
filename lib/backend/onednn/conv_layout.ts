/**
 * Which memory formats the oneDNN convolutions run on, by pass and shape.
 * @module
 */
import type { ConvLayout, ConvSpec } from "./_conv_primitive.ts";

/**
 * Picks the layout of a convolution primitive.
 *
 * @param spec The convolution (its layout not yet chosen).
 * @returns "plain" (tfjs's NHWC/HWIO buffers directly), "blocked-weights" or "blocked".
 */
export function convLayout(spec: Omit<ConvSpec, "layout">): ConvLayout {
  void spec;
  return "plain";
}
