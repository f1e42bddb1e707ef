/**
 * Private: reads the attributes of a conv gradient kernel into tfjs's `Conv2DInfo`, refusing what asge's
 * kernels do not implement.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ConvGeometry } from "./_kernel_types.ts";

/** The attributes the two conv gradient kernels share. */
export interface ConvGradientAttrs {
  /** Stride [sh, sw] or one number for both. */
  strides: [number, number] | number;
  /** "same", "valid", a number, or explicit NHWC padding [[0,0],[t,b],[l,r],[0,0]]. */
  pad: "valid" | "same" | number | [[number, number], [number, number], [number, number], [number, number]];
  /** Only "NHWC" is implemented. */
  dataFormat: "NHWC" | "NCHW";
  /** How output sizes round when a number padding does not divide evenly. */
  dimRoundingMode?: "floor" | "round" | "ceil";
  /** Dilation; only 1 is implemented (tfjs's own conv gradients refuse other values too). */
  dilations?: [number, number] | number;
}

/**
 * Why asge's conv kernels cannot take these attributes, or undefined when they can: only NHWC and dilation 1
 * are implemented.
 *
 * @param attrs The kernel's attributes.
 * @returns What is supported, what was given and the fix (to follow "asge <kernel> supports "), or undefined.
 */
export function unsupportedConv(attrs: ConvGradientAttrs): string | undefined {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== "NHWC") {
    return `dataFormat "NHWC" only, got "${attrs.dataFormat}"; transpose the input to NHWC`;
  }
  const dilations = attrs.dilations ?? 1;
  const [dh, dw] = typeof dilations === "number" ? [dilations, dilations] : dilations;
  if (dh !== 1 || dw !== 1) return `dilation 1 only, got [${dh}, ${dw}]; use an undilated conv`;
  return undefined;
}

/**
 * tfjs's geometry of an NHWC, undilated convolution, without the checks of {@linkcode convGeometry}.
 *
 * @param xShape The forward input shape [N, H, W, C_in].
 * @param filterShape The filter shape [kh, kw, C_in, C_out].
 * @param attrs The kernel's attributes (strides, pad, rounding).
 * @returns tfjs's description of the convolution: sizes, strides, and the resolved padding.
 */
export function nhwcConvInfo(
  xShape: number[],
  filterShape: number[],
  attrs: ConvGradientAttrs,
): ConvGeometry {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast",
  );
}

/**
 * Computes the geometry of the forward convolution whose gradient a kernel takes.
 *
 * @param kernelName The calling kernel, for error messages.
 * @param xShape The forward input shape [N, H, W, C_in].
 * @param filterShape The filter shape [kh, kw, C_in, C_out].
 * @param attrs The kernel's attributes.
 * @returns tfjs's description of the convolution: sizes, strides, and the resolved padding.
 */
export function convGeometry(
  kernelName: string,
  xShape: number[],
  filterShape: number[],
  attrs: ConvGradientAttrs,
): ConvGeometry {
  const unsupported = unsupportedConv(attrs);
  if (unsupported !== undefined) throw new Error(`asge ${kernelName} supports ${unsupported}`);
  return nhwcConvInfo(xShape, filterShape, attrs);
}
