/**
 * Private: what every oneDNN kernel starts with: the opened library (each thread opens its own) and the
 * conversion of tfjs's conv attributes into a primitive spec.
 * @module
 */
import { type ConvGradientAttrs, nhwcConvInfo, unsupportedConv } from "../_conv_geometry.ts";
import type { ConvLayout, ConvPass, ConvSpec } from "./_conv_primitive.ts";
import { type OnednnLibrary, openOnednn } from "./onednn_library.ts";
import { convLayout } from "./conv_layout.ts";

/**
 * The library the kernels call; the onednn backend only starts where it loaded.
 *
 * @returns The opened library.
 */
export function onednn(): OnednnLibrary {
  const lib = openOnednn();
  if (!lib.loaded) throw new Error(`onednn kernel called without oneDNN: ${lib.reason}`);
  return lib;
}

/**
 * The oneDNN spec of a tfjs convolution, or undefined for what the kernels hand back to the wasm backend
 * (NCHW, dilation other than 1).
 *
 * @param pass Which primitive.
 * @param xShape Forward input [N, H, W, C_in].
 * @param filterShape [kh, kw, C_in, C_out].
 * @param attrs The kernel's attributes.
 * @param extras Bias and ReLU.
 * @returns The spec.
 */
export function convSpec(
  pass: ConvPass,
  xShape: number[],
  filterShape: number[],
  attrs: ConvGradientAttrs,
  extras: { bias: boolean; relu: boolean },
): ConvSpec | undefined {
  if (unsupportedConv(attrs) !== undefined) return undefined;
  const info = nhwcConvInfo(xShape, filterShape, attrs);
  if (info.outHeight <= 0 || info.outWidth <= 0 || info.batchSize === 0) return undefined;
  const base = {
    pass,
    n: info.batchSize,
    h: info.inHeight,
    w: info.inWidth,
    ci: info.inChannels,
    oh: info.outHeight,
    ow: info.outWidth,
    co: info.outChannels,
    kh: info.filterHeight,
    kw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    pt: Math.max(0, info.padInfo.top),
    pl: Math.max(0, info.padInfo.left),
    pb: Math.max(0, info.padInfo.bottom),
    pr: Math.max(0, info.padInfo.right),
    ...extras,
  };
  const fits = (size: number, k: number, s: number, a: number, b: number, out: number) =>
    Math.floor((size + a + b - k) / s) + 1 === out;
  const rows = fits(base.h, base.kh, base.sh, base.pt, base.pb, base.oh);
  if (!rows || !fits(base.w, base.kw, base.sw, base.pl, base.pr, base.ow)) return undefined;
  const layout: ConvLayout = convLayout(base);
  return { ...base, layout };
}
