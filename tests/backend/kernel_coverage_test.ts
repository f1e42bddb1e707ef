/**
 * Kernel coverage: every kernel one local ASGE training step runs exists on wasm, cpu and webgpu, and the step's
 * gradients and optimizer updates on each available backend match cpu.
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import type { BackendName } from "../../lib/backend/backends.ts";
import { ASGE_KERNELS } from "../../lib/backend/register_kernels.ts";
import {
  assertClose,
  backendsUnderTest,
  RELATIVE_TOLERANCE,
  runOn,
  sanitizersFor,
  seeded,
  shortReason,
} from "./_compare.ts";

/**
 * A miniature of one ASGE block and its hand-off: conv -> relu -> square -> patch sum -> frozen projection
 * (matMul with transposeB) -> softmax cross-entropy; plus RMS pool (square, avgPool, sqrt) and a channel
 * LayerNorm (moments) feeding a second conv, so their gradients run too.
 */
function stepLoss(
  v: Record<string, tf.Variable>,
  x: tf.Tensor4D,
  projection: tf.Tensor2D,
  labels: tf.Tensor2D,
) {
  const features = tf.relu(tf.add(tf.conv2d(x, v.kernel as tf.Tensor4D, 1, "same"), v.bias));
  const pooled = tf.sqrt(tf.add(tf.avgPool(tf.square(features) as tf.Tensor4D, 2, 2, "valid"), 1e-6));
  const { mean, variance } = tf.moments(pooled, [3], true);
  const normed = tf.add(
    tf.mul(tf.div(tf.sub(pooled, mean), tf.sqrt(tf.add(variance, 1e-5))), v.gamma),
    v.beta,
  );
  const deeper = tf.relu(tf.conv2d(normed as tf.Tensor4D, v.kernel2 as tf.Tensor4D, 1, "same"));
  const [b, h, w, c] = deeper.shape;
  const goodness = tf.reshape(
    tf.sum(tf.reshape(tf.square(deeper), [b, 2, h / 2, 2, w / 2, c]), [2, 4]),
    [b, 4 * c],
  );
  const logits = tf.matMul(goodness, projection, false, true);
  // Softmax cross-entropy as lib/training/local_loss.ts writes it (tf.losses' version runs the same kernels).
  const crossEntropy = tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, labels), 1)));
  return tf.add(crossEntropy, tf.mean(tf.square(features)));
}

/** Values scaled by `scale`, from a fixed seed. */
function scaled(size: number, seed: number, scale: number): Float32Array {
  return seeded(size, seed).map((v) => v * scale);
}

/** A variable holding `initial`, which is disposed (the variable keeps its own reference to the data). */
function variable(initial: tf.Tensor): tf.Variable {
  const v = tf.variable(initial);
  initial.dispose();
  return v;
}

/** Gradients of one step, then the variables after one Adam and one SGD update. */
async function trainingStep(): Promise<Float32Array[]> {
  const variables: Record<string, tf.Variable> = {
    kernel: variable(tf.tensor4d(scaled(3 * 3 * 3 * 4, 1, 0.3), [3, 3, 3, 4])),
    bias: variable(tf.tensor1d(scaled(4, 2, 0.1))),
    gamma: variable(tf.ones([4])),
    beta: variable(tf.zeros([4])),
    kernel2: variable(tf.tensor4d(scaled(3 * 3 * 4 * 6, 3, 0.3), [3, 3, 4, 6])),
  };
  const x = tf.tensor4d(seeded(2 * 8 * 8 * 3, 4), [2, 8, 8, 3]);
  const projection = tf.tensor2d(scaled(5 * 24, 5, 0.2), [5, 24]);
  const labels = tf.tensor2d([0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [2, 5]);
  {
    const loss = () => stepLoss(variables, x, projection, labels) as tf.Scalar;
    const { value, grads } = tf.variableGrads(loss, Object.values(variables));
    const out: Float32Array[] = [await value.data() as Float32Array];
    for (const name of Object.keys(variables)) {
      out.push(await grads[variables[name].name].data() as Float32Array);
    }
    const adam = tf.train.adam(0.01);
    const sgd = tf.train.sgd(0.1);
    adam.applyGradients(grads as Record<string, tf.Variable>);
    sgd.minimize(loss);
    for (const v of Object.values(variables)) out.push(await v.data() as Float32Array);
    tf.dispose([value, x, projection, labels, ...Object.values(grads), ...Object.values(variables)]);
    adam.dispose();
    sgd.dispose();
    return out;
  }
}

function trainingStepOn(backend: BackendName): Promise<Float32Array[]> {
  return runOn(backend, trainingStep);
}

Deno.test("a training step's kernels are all registered on wasm, cpu and webgpu", async () => {
  await runOn("cpu", () => Promise.resolve([]));
  const profile = await tf.profile(async () => {
    await trainingStep();
    return [];
  });
  // Importing a backend module registers its kernels; none of them is started here.
  await import("@tensorflow/tfjs-backend-wasm");
  await import("@tensorflow/tfjs-backend-webgpu");
  const used = [...new Set(profile.kernelNames)].sort();
  for (const needed of ["Conv2D", "Conv2DBackpropFilter", "BatchMatMul", "AvgPool", "AvgPoolGrad", "Sqrt"]) {
    assert.ok(used.includes(needed), `the step should run ${needed}; it ran ${used.join(", ")}`);
  }
  const asge = new Set(ASGE_KERNELS.filter((k) => k.backendName === "wasm").map((k) => k.kernelName));
  for (const backend of ["wasm", "cpu", "webgpu"]) {
    const have = new Set(tf.getKernelsForBackend(backend).map((k) => k.kernelName));
    const missing = used.filter((k) => !have.has(k) && !(backend === "wasm" && asge.has(k)));
    assert.deepEqual(missing, [], `${backend} lacks kernels a training step needs`);
  }
});

for (const probe of await backendsUnderTest()) {
  if (!probe.available) {
    Deno.test({
      name: `training step on ${probe.name} skipped: ${shortReason(probe.reason)}`,
      ignore: true,
      fn() {},
    });
    continue;
  }
  Deno.test({
    name: `tf.variableGrads and Adam/SGD updates on ${probe.name} match cpu within ${RELATIVE_TOLERANCE}`,
    ...sanitizersFor(probe.name),
    async fn() {
      const want = await trainingStepOn("cpu");
      const got = await trainingStepOn(probe.name);
      want.forEach((w, i) => assertClose(got[i], w, `${probe.name} output ${i}`));
    },
  });
}
