/**
 * One conformance suite for every backend: the same conv2d and matMul cases, forward and gradients, compared
 * with tfjs's reference `cpu` backend within RELATIVE_TOLERANCE. A backend that cannot run here is listed as
 * ignored, with the reason in the test name.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { BackendName } from "../../lib/backend/backends.ts";
import { channelLayerNorm } from "../../lib/model/channel_layer_norm.ts";
import { rmsPool } from "../../lib/model/rms_pool.ts";
import {
  assertClose,
  backendsUnderTest,
  RELATIVE_TOLERANCE,
  runOn,
  sanitizersFor,
  seeded,
  shortReason,
} from "./_compare.ts";

type Pad = "same" | "valid" | [[number, number], [number, number], [number, number], [number, number]];

interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: 1 | 2;
  pad: Pad;
}

// 1, 3 and 64 input channels (the im2col and channels-first weight gradients), strides 1 and 2, all paddings.
const CONV_CASES: ConvCase[] = [
  { x: [2, 9, 9, 1], filter: [3, 3, 1, 8], stride: 1, pad: "same" },
  { x: [2, 9, 9, 1], filter: [3, 3, 1, 8], stride: 2, pad: "same" },
  { x: [3, 8, 8, 3], filter: [3, 3, 3, 8], stride: 1, pad: "valid" },
  { x: [2, 8, 8, 3], filter: [3, 3, 3, 8], stride: 2, pad: "valid" },
  { x: [2, 7, 7, 3], filter: [3, 3, 3, 8], stride: 2, pad: "same" },
  { x: [4, 8, 8, 64], filter: [3, 3, 64, 32], stride: 1, pad: "same" },
  { x: [2, 7, 7, 64], filter: [3, 3, 64, 16], stride: 1, pad: "valid" },
  { x: [2, 8, 8, 64], filter: [3, 3, 64, 16], stride: 2, pad: "same" },
  { x: [2, 8, 8, 64], filter: [3, 3, 64, 16], stride: 2, pad: "valid" },
  { x: [2, 6, 6, 8], filter: [3, 3, 8, 4], stride: 1, pad: [[0, 0], [2, 0], [1, 3], [0, 0]] },
  { x: [2, 10, 10, 8], filter: [5, 5, 8, 4], stride: 2, pad: "same" },
  // Batch 1, non-square maps and filters, odd channel counts.
  { x: [1, 7, 11, 5], filter: [3, 3, 5, 6], stride: 1, pad: "same" },
  { x: [1, 9, 6, 3], filter: [2, 4, 3, 5], stride: 2, pad: "valid" },
  { x: [3, 5, 13, 17], filter: [1, 3, 17, 9], stride: 1, pad: [[0, 0], [0, 1], [2, 1], [0, 0]] },
];

function label(c: ConvCase): string {
  const pad = typeof c.pad === "string" ? c.pad : `explicit ${JSON.stringify(c.pad.slice(1, 3))}`;
  return `${c.x.join("x")} -> ${c.filter[3]} ch, ${c.filter[0]}x${c.filter[1]}, stride ${c.stride}, ${pad}`;
}

/** Forward output, dx and dW of sum(conv2d(x, W) * r) for a fixed r. */
function convOn(backend: BackendName, c: ConvCase, seed: number): Promise<Float32Array[]> {
  return runOn(backend, async () => {
    const sizeOf = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const x = tf.tensor4d(seeded(sizeOf(c.x), seed), c.x);
    const w = tf.tensor4d(seeded(sizeOf(c.filter), seed + 1), c.filter);
    const y = tf.conv2d(x, w, c.stride, c.pad);
    const r = tf.tensor(seeded(y.size, seed + 2), y.shape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r))
    )([x, w]);
    const out = [await y.data(), await dx.data(), await dw.data()] as Float32Array[];
    tf.dispose([x, w, y, r, dx, dw]);
    return out;
  });
}

/**
 * Forward output of act(conv2d(x, W) + b) and its three gradients, through tfjs's fused op (FusedConv2D), for
 * act linear and ReLU; plus dW and db through Conv2DBackpropFilterBias where the backend registers it.
 */
function fusedConvOn(
  backend: BackendName,
  c: ConvCase,
  seed: number,
  relu: boolean,
): Promise<Float32Array[]> {
  return runOn(backend, async () => {
    const sizeOf = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const x = tf.tensor4d(seeded(sizeOf(c.x), seed), c.x);
    const w = tf.tensor4d(seeded(sizeOf(c.filter), seed + 1), c.filter);
    const bias = tf.tensor1d(seeded(c.filter[3], seed + 3));
    const activation = relu ? "relu" : "linear";
    const f = (a: tf.Tensor, b: tf.Tensor, d: tf.Tensor) =>
      tf.fused.conv2d({
        x: a as tf.Tensor4D,
        filter: b as tf.Tensor4D,
        bias: d,
        strides: c.stride,
        pad: c.pad,
        activation,
      });
    const y = f(x, w, bias);
    const r = tf.tensor(seeded(y.size, seed + 2), y.shape);
    const [dx, dw, db] = tf.grads((a: tf.Tensor, b: tf.Tensor, d: tf.Tensor) =>
      tf.sum(tf.mul(f(a, b, d), r))
    )([
      x,
      w,
      bias,
    ]);
    const out = [await y.data(), await dx.data(), await dw.data(), await db.data()] as Float32Array[];
    tf.dispose([x, w, bias, y, r, dx, dw, db]);
    return out;
  });
}

/** dW and db of sum((conv2d(x, W) + b) * r) from the fused kernel, or from its two separate computations. */
function filterBiasOn(backend: BackendName, c: ConvCase, seed: number): Promise<Float32Array[]> {
  return runOn(backend, async () => {
    const sizeOf = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const x = tf.tensor4d(seeded(sizeOf(c.x), seed), c.x);
    const w0 = tf.zeros(c.filter) as tf.Tensor4D;
    const y = tf.conv2d(x, w0, c.stride, c.pad);
    const dy = tf.tensor(seeded(y.size, seed + 2), y.shape);
    const attrs = { strides: c.stride, pad: c.pad, dataFormat: "NHWC", filterShape: c.filter };
    const fused = tf.getKernel("Conv2DBackpropFilterBias", tf.getBackend()) !== undefined;
    const [dw, db] = fused
      ? tf.engine().runKernel("Conv2DBackpropFilterBias", { x, dy }, attrs) as tf.Tensor[]
      : [tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, attrs) as tf.Tensor, tf.sum(dy, [0, 1, 2])];
    const out = [await dw.data(), await db.data()] as Float32Array[];
    tf.dispose([x, w0, y, dy, dw, db]);
    return out;
  });
}

// A block's path to the next block: RMS pool (sizes 1, 2, 3; maps not divisible by it) then channel LayerNorm.
const NEXT_CASES: Array<{ x: [number, number, number, number]; pool: number }> = [
  { x: [2, 8, 8, 16], pool: 2 },
  { x: [1, 7, 9, 5], pool: 2 },
  { x: [3, 9, 9, 8], pool: 3 },
  { x: [2, 5, 6, 32], pool: 1 },
];

/** The path through the backend's RmsPoolChannelNorm kernel where it has one, else through tfjs ops. */
function nextOn(backend: BackendName, c: (typeof NEXT_CASES)[number], seed: number): Promise<Float32Array[]> {
  return runOn(backend, async () => {
    const x = tf.tensor4d(seeded(c.x.reduce((a, b) => a * b, 1), seed), c.x);
    const y = tf.getKernel("RmsPoolChannelNorm", tf.getBackend()) !== undefined
      ? tf.engine().runKernel("RmsPoolChannelNorm", { x }, {
        pool: c.pool,
        rmsEpsilon: 1e-6,
        normEpsilon: 1e-5,
      })
      : tf.tidy(() => channelLayerNorm(rmsPool(x, c.pool, 1e-6), 1e-5));
    const out = [await (y as tf.Tensor).data()] as Float32Array[];
    tf.dispose([x, y as tf.Tensor]);
    return out;
  });
}

interface MatMulCase {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

// The wasm BatchMatMul replacement transposes first for unbatched products and hands batched ones back.
const MATMUL_CASES: MatMulCase[] = [
  { a: [5, 7], b: [7, 3], transposeA: false, transposeB: false },
  { a: [5, 7], b: [3, 7], transposeA: false, transposeB: true },
  { a: [7, 5], b: [7, 3], transposeA: true, transposeB: false },
  { a: [7, 5], b: [3, 7], transposeA: true, transposeB: true },
  { a: [1, 16, 40], b: [1, 10, 40], transposeA: false, transposeB: true },
  { a: [2, 5, 7], b: [2, 3, 7], transposeA: false, transposeB: true },
];

function matMulOn(backend: BackendName, c: MatMulCase, seed: number): Promise<Float32Array[]> {
  return runOn(backend, async () => {
    const a = tf.tensor(seeded(c.a.reduce((p, d) => p * d, 1), seed), c.a);
    const b = tf.tensor(seeded(c.b.reduce((p, d) => p * d, 1), seed + 1), c.b);
    const f = (p: tf.Tensor, q: tf.Tensor) => tf.matMul(p, q, c.transposeA, c.transposeB);
    const y = f(a, b);
    const r = tf.tensor(seeded(y.size, seed + 2), y.shape);
    const [da, db] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(f(p, q), r)))([a, b]);
    const out = [await y.data(), await da.data(), await db.data()] as Float32Array[];
    tf.dispose([a, b, y, r, da, db]);
    return out;
  });
}

for (const probe of await backendsUnderTest()) {
  if (!probe.available) {
    Deno.test({
      name: `conformance on ${probe.name} skipped: ${shortReason(probe.reason)}`,
      ignore: true,
      fn() {},
    });
    continue;
  }
  CONV_CASES.forEach((c, i) => {
    Deno.test({
      name: `conv2d on ${probe.name} matches cpu within ${RELATIVE_TOLERANCE} (y, dx, dW): ${label(c)}`,
      ...sanitizersFor(probe.name),
      async fn() {
        const want = await convOn("cpu", c, 100 + 10 * i);
        const got = await convOn(probe.name, c, 100 + 10 * i);
        ["y", "dx", "dW"].forEach((what, k) => assertClose(got[k], want[k], `${probe.name} ${what}`));
      },
    });
  });
  CONV_CASES.forEach((c, i) => {
    // ReLU only: with a linear activation, tfjs's own test-mode leak check flags its fusedConv2d op on wasm
    // itself (4 data ids inside the op's custom gradient), for tfjs's kernel and asge's alike.
    for (const relu of [true]) {
      Deno.test({
        name: `fused conv2d (bias, ${
          relu ? "relu" : "linear"
        }) on ${probe.name} matches cpu (y, dx, dW, db): ${label(c)}`,
        ...sanitizersFor(probe.name),
        async fn() {
          const want = await fusedConvOn("cpu", c, 300 + 10 * i, relu);
          const got = await fusedConvOn(probe.name, c, 300 + 10 * i, relu);
          ["y", "dx", "dW", "db"].forEach((what, k) => assertClose(got[k], want[k], `${probe.name} ${what}`));
        },
      });
    }
    Deno.test({
      name: `weight and bias gradient on ${probe.name} matches cpu (dW, db): ${label(c)}`,
      ...sanitizersFor(probe.name),
      async fn() {
        const want = await filterBiasOn("cpu", c, 700 + 10 * i);
        const got = await filterBiasOn(probe.name, c, 700 + 10 * i);
        ["dW", "db"].forEach((what, k) => assertClose(got[k], want[k], `${probe.name} ${what}`));
      },
    });
  });
  NEXT_CASES.forEach((c, i) => {
    Deno.test({
      name: `RMS pool + channel LayerNorm on ${probe.name} matches cpu: ${c.x.join("x")}, pool ${c.pool}`,
      ...sanitizersFor(probe.name),
      async fn() {
        const [want] = await nextOn("cpu", c, 900 + 10 * i);
        const [got] = await nextOn(probe.name, c, 900 + 10 * i);
        assertClose(got, want, `${probe.name} x_{l+1}`);
      },
    });
  });
  MATMUL_CASES.forEach((c, i) => {
    const shape = `${c.a.join("x")}${c.transposeA ? "^T" : ""} . ${c.b.join("x")}${c.transposeB ? "^T" : ""}`;
    Deno.test({
      name: `matMul on ${probe.name} matches cpu within ${RELATIVE_TOLERANCE} (y, da, db): ${shape}`,
      ...sanitizersFor(probe.name),
      async fn() {
        const want = await matMulOn("cpu", c, 500 + 10 * i);
        const got = await matMulOn(probe.name, c, 500 + 10 * i);
        ["y", "da", "db"].forEach((what, k) => assertClose(got[k], want[k], `${probe.name} ${what}`));
      },
    });
  });
}
