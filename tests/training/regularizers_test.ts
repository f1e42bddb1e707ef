import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs-core";
import { DEFAULT_ENCODING } from "../../lib/config/presets.ts";
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { localGradients } from "../../lib/training/local_gradients.ts";
import { useCpu } from "../_tf_cpu.ts";

await useCpu();

const BLOCKS = [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 6, kernelSize: 3, pool: 1 }];

function network(dropout?: number, labelSmoothing?: number): AsgeNetwork {
  const encoding = { ...DEFAULT_ENCODING, goodnessReduction: "mean" as const, dropout, labelSmoothing };
  return new AsgeNetwork(planNetwork(BLOCKS, encoding, [8, 8, 1], 3), encoding, 4);
}

const weightsOf = (n: AsgeNetwork) =>
  n.blocks.map((b) => [b.kernel, b.projection].map((t) => Array.from(t.dataSync())));

Deno.test("dropout: same weights and projections as without it; changes the gradient, not the forward pass", () => {
  const [plain, dropped] = [network(), network(0.3)];
  assert.deepEqual(weightsOf(dropped), weightsOf(plain), "the dropout stream is drawn after every weight");
  const x = tf.randomNormal([5, 8, 8, 1], 0, 1, "float32", 3) as tf.Tensor4D;
  const labels = tf.tensor1d([0, 1, 2, 0, 1], "int32");
  const forward = (n: AsgeNetwork) => Array.from(n.blocks[0].forward(x).logits.dataSync());
  assert.deepEqual(forward(dropped), forward(plain), "inference never drops");
  const kernelGradient = (n: AsgeNetwork) => {
    const g = localGradients(n.blocks[0], x, labels);
    const values = Array.from(g.gradients[n.blocks[0].kernel.name].dataSync());
    tf.dispose([g.loss, g.correct, g.features, g.gradients]);
    return values;
  };
  const reference = kernelGradient(plain);
  const first = kernelGradient(dropped);
  const second = kernelGradient(dropped);
  assert.notDeepEqual(first, reference, "a dropped input gives another gradient");
  assert.notDeepEqual(second, first, "every step draws a fresh mask");
  // Same seed, same masks: a second network with the same config repeats the first one's gradients.
  assert.deepEqual(kernelGradient(network(0.3)), first);
  tf.dispose([x, labels]);
  [plain, dropped].forEach((n) => n.dispose());
});

Deno.test("label smoothing changes the local loss and its gradient", () => {
  const [plain, smoothed] = [network(), network(undefined, 0.2)];
  const x = tf.randomNormal([4, 8, 8, 1], 0, 1, "float32", 9) as tf.Tensor4D;
  const labels = tf.tensor1d([2, 1, 0, 2], "int32");
  const a = localGradients(
    plain.blocks[1],
    tf.tidy(() => plain.blocks[0].next(plain.blocks[0].forward(x).features)),
    labels,
  );
  const b = localGradients(
    smoothed.blocks[1],
    tf.tidy(() => smoothed.blocks[0].next(smoothed.blocks[0].forward(x).features)),
    labels,
  );
  assert.notEqual(a.loss.dataSync()[0], b.loss.dataSync()[0]);
  const gradient = (g: typeof a, n: AsgeNetwork) =>
    Array.from(g.gradients[n.blocks[1].kernel.name].dataSync());
  assert.deepEqual(weightsOf(smoothed), weightsOf(plain));
  assert.notDeepEqual(gradient(b, smoothed), gradient(a, plain));
  tf.dispose([
    x,
    labels,
    a.loss,
    a.correct,
    a.features,
    a.gradients,
    b.loss,
    b.correct,
    b.features,
    b.gradients,
  ]);
  [plain, smoothed].forEach((n) => n.dispose());
});

Deno.test("resolveConfig() rejects a label smoothing or dropout outside [0, 1), naming the field", () => {
  assert.throws(
    () => resolveConfig("quick", { encoding: { labelSmoothing: 1 } }),
    /"encoding.labelSmoothing" is 1/,
  );
  assert.throws(() => resolveConfig("quick", { encoding: { dropout: -0.1 } }), /"encoding.dropout" is -0.1/);
  assert.equal(resolveConfig("quick", { encoding: { dropout: 0.2 } }).encoding.dropout, 0.2);
});
