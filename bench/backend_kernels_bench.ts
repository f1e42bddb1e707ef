/**
 * GFLOP/s of the conv kernels ASGE trains with, per available backend, on ASGE's shapes (3x3, stride 1, same).
 *
 *     deno run -A bench/backend_kernels_bench.ts [--batch 64] [--reps 3] [--backends wasm,webgpu]
 *
 * Columns: forward conv; weight gradient (asge's kernel on wasm, with both formulations for the record);
 * input gradient (asge's flipped-kernel kernel vs tfjs-backend-wasm's own); then one small shape on tfjs's
 * cpu backend for scale, and the transposed matMul of an ASGE projection. Times are the best of `--reps` runs
 * after one warm-up, each on freshly made inputs (as in training, where dy is new every step: wasm caches the
 * packed right-hand side of a matMul by tensor, so reusing one dy would flatter the im2col form); on webgpu
 * each run includes reading the result back.
 */
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs-core";
import { type BackendName, probeBackends, useBackend } from "../lib/backend/backends.ts";
import { convGeometry } from "../lib/backend/_conv_geometry.ts";
import { callKernel } from "../lib/backend/_kernel_call.ts";
import { filterGradChannelsFirst } from "../lib/backend/_filter_grad_channels_first.ts";
import { filterGradIm2col } from "../lib/backend/_filter_grad_im2col.ts";
import type { KernelBackend, TensorInfo } from "../lib/backend/_kernel_types.ts";

const { values } = parseArgs({
  options: {
    batch: { type: "string", default: "64" },
    reps: { type: "string", default: "3" },
    backends: { type: "string" },
  },
});
const batch = Number(values.batch);
const reps = Number(values.reps);

/** [H, W, C_in, C_out] of ASGE's conv layers (MNIST-like and CIFAR-like plans). */
const SHAPES: [number, number, number, number][] = [
  [28, 28, 1, 32],
  [28, 28, 32, 64],
  [14, 14, 64, 128],
  [7, 7, 128, 256],
  [32, 32, 3, 64],
  [16, 16, 64, 128],
  [8, 8, 128, 256],
  [4, 4, 256, 512],
];

/**
 * Best wall time in ms of `run` on inputs from `make` (made fresh each run, not timed); `run` returns a tensor
 * (read back, then disposed) or a raw TensorInfo.
 */
async function bestMs<T extends tf.Tensor[]>(
  make: () => T,
  run: (inputs: T) => tf.Tensor | TensorInfo,
  runs = reps,
): Promise<number> {
  let best = Infinity;
  for (let r = 0; r <= runs; r++) {
    const inputs = make();
    await Promise.all(inputs.map((t) => t.data()));
    const start = performance.now();
    const raw = run(inputs);
    // A raw kernel output becomes a tensor so that reading it waits for asynchronous backends too.
    const out = raw instanceof tf.Tensor ? raw : tf.engine().makeTensorFromTensorInfo(
      raw as unknown as tf.TensorInfo,
    );
    await out.data();
    out.dispose();
    if (r > 0) best = Math.min(best, performance.now() - start);
    tf.dispose(inputs);
  }
  return best;
}

const gflops = (flop: number, ms: number) => (flop / ms / 1e6).toFixed(1).padStart(6);
const attrs = { strides: 1, pad: "same", dataFormat: "NHWC" } as const;

async function benchBackend(name: BackendName, shapes: typeof SHAPES, n: number): Promise<void> {
  const info = await useBackend(name);
  console.log(`\n${info.description}; batch ${n}; GFLOP/s (ms)`);
  const forms = info.name === "wasm" || info.name === "webgpu";
  const ownDW = info.name === "webgpu" ? `  [tfjs ${name}'s own, 1 run]` : "";
  const ownDx = info.name === "wasm" ? `  [tfjs ${name}'s own]` : "";
  console.log(
    `shape              forward        weight grad${forms ? "    [im2col / channels-first]" : ""}${ownDW}` +
      `   input grad${ownDx}`,
  );
  const backend = tf.backend() as unknown as KernelBackend;
  for (const [h, w, ci, co] of shapes) {
    const make = (): [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D] => [
      tf.randomNormal([n, h, w, ci]),
      tf.randomNormal([3, 3, ci, co]),
      tf.randomNormal([n, h, w, co]),
    ];
    const flop = 2 * n * h * w * ci * co * 9;
    const filterShape = [3, 3, ci, co];
    const conv = convGeometry("bench", [n, h, w, ci], filterShape, attrs);
    const cell = (ms: number) => `${gflops(flop, ms)} (${ms.toFixed(0).padStart(4)})`;
    const forward = await bestMs(make, ([x, filter]) => tf.conv2d(x, filter, 1, "same"));
    const dW = await bestMs(
      make,
      ([x, , dy]) =>
        tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, { ...attrs, filterShape }) as tf.Tensor,
    );
    let dWExtra = "";
    if (forms) {
      const im2col = await bestMs(make, ([x, , dy]) => filterGradIm2col(backend, x, dy, conv));
      const channelsFirst = await bestMs(make, ([x, , dy]) => filterGradChannelsFirst(backend, x, dy, conv));
      dWExtra = `    [${gflops(flop, im2col)} / ${gflops(flop, channelsFirst)}]`;
    }
    if (ownDW) {
      const own = await bestMs(
        make,
        ([x, , dy]) => callKernel("Conv2DBackpropFilter", backend, { x, dy }, { ...attrs, filterShape }),
        1,
      );
      dWExtra += `      [${gflops(flop, own)}]`;
    }
    const dx = await bestMs(
      make,
      ([, filter, dy]) => tf.conv2dTranspose(dy, filter, [n, h, w, ci], 1, "same"),
    );
    let dxExtra = "";
    if (ownDx) {
      const own = await bestMs(
        make,
        ([, filter, dy]) =>
          callKernel("Conv2DBackpropInput", backend, { dy, filter }, { ...attrs, inputShape: [n, h, w, ci] }),
      );
      dxExtra = `  [${gflops(flop, own)}]`;
    }
    const shape = `${h}x${w}x${ci}->${co}`.padEnd(16);
    console.log(`${shape} ${cell(forward)}  ${cell(dW)}${dWExtra}  ${cell(dx)}${dxExtra}`);
  }
}

/** matMul of goodness [B, C*P^2] with a frozen projection stored [classes, C*P^2], as ASGE's blocks do it. */
async function benchProjection(n: number): Promise<void> {
  const projection = tf.randomNormal([10, 6272]);
  const flop = 2 * n * 6272 * 10;
  const make = (): [tf.Tensor] => [tf.randomNormal([n, 6272])];
  const ours = await bestMs(make, ([goodness]) => tf.matMul(goodness, projection, false, true));
  const backend = tf.backend() as unknown as KernelBackend;
  const b = tf.reshape(projection, [1, 10, 6272]);
  const own = await bestMs(
    () => [tf.randomNormal([1, n, 6272])],
    ([a]) => callKernel("BatchMatMul", backend, { a, b }, { transposeA: false, transposeB: true }),
  );
  console.log(
    `\nwasm matMul ${n}x6272 . (10x6272)^T: asge ${gflops(flop, ours)}, tfjs wasm's own ${
      gflops(flop, own)
    } GFLOP/s`,
  );
  tf.dispose([projection, b]);
}

const wanted = values.backends?.split(",");
const probes = await probeBackends();
for (const probe of probes) {
  if (probe.name === "cpu" || (wanted && !wanted.includes(probe.name))) continue;
  if (!probe.available) {
    console.log(`\n${probe.name}: skipped (${probe.reason.split(";")[0]})`);
    continue;
  }
  await benchBackend(probe.name, SHAPES, batch);
  if (probe.name === "wasm") await benchProjection(batch);
}
if (!wanted || wanted.includes("cpu")) await benchBackend("cpu", [[14, 14, 16, 32]], 8);
