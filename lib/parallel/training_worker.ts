/**
 * A training worker: a thread with its own TensorFlow.js backend and its own copy of the network. It computes
 * the local gradients of every block on its shard of each batch and applies the averaged gradients it is sent,
 * so every worker's copy stays identical.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { useBackend } from "../backend/backends.ts";
import { AsgeNetwork } from "../model/asge_network.ts";
import { BlockOptimizer } from "../training/block_optimizer.ts";
import { localGradients } from "../training/local_gradients.ts";
import { scoreBatch } from "../prediction/score_batch.ts";
import type { FromWorker, GradientsMessage, InitMessage, ToWorker } from "./worker_messages.ts";

interface WorkerState {
  network: AsgeNetwork;
  optimizers: BlockOptimizer[];
}

let state: WorkerState | undefined;

/** The worker's global scope, typed for messaging. */
const scope = self as unknown as {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

const reply = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

async function init(message: InitMessage): Promise<FromWorker> {
  const backend = await useBackend(message.backend);
  const network = new AsgeNetwork(message.plan, message.encoding, message.seed);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(message.optimizer, b.variables));
  state = { network, optimizers };
  return { type: "ready", description: backend.description };
}

async function gradients(message: GradientsMessage): Promise<void> {
  const { network } = state!;
  const [h, w, c] = network.plan.inputShape;
  const size = message.labels.length;
  let input = tf.tensor4d(message.images, [size, h, w, c]);
  const labels = tf.tensor1d(message.labels, "int32");
  const blocks = [];
  const transfer: ArrayBuffer[] = [];
  for (let l = 0; l < network.blocks.length; l++) {
    const block = network.blocks[l];
    const local = localGradients(block, input, labels);
    const next = l < network.blocks.length - 1 ? block.next(local.features) : undefined;
    const gradients: Float32Array[] = [];
    for (const v of block.variables) gradients.push((await local.gradients[v.name].data()) as Float32Array);
    const lossSum = (await local.loss.data())[0] * size;
    const correct = (await local.correct.data())[0];
    tf.dispose([input, local.loss, local.correct, local.features, local.gradients]);
    blocks.push({ gradients, lossSum, correct });
    transfer.push(...gradients.map((g) => g.buffer as ArrayBuffer));
    if (next) input = next;
  }
  labels.dispose();
  reply({ type: "gradients", blocks }, transfer);
}

// Messages are handled strictly one after another, even across awaits: an "apply" must land before the next
// "gradients" starts.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};

async function handle(message: ToWorker): Promise<void> {
  try {
    switch (message.type) {
      case "init":
        reply(await init(message));
        break;
      case "load":
        state!.network.writeWeights(message.weights);
        state!.optimizers.forEach((o, l) => o.writeState(message.optimizers[l]));
        reply({ type: "loaded" });
        break;
      case "gradients":
        await gradients(message);
        break;
      case "apply":
        state!.network.blocks.forEach((block, l) => {
          const g = message.gradients[l];
          const named: tf.NamedTensorMap = {};
          block.variables.forEach((v, i) => named[v.name] = tf.tensor(g[i], v.shape));
          state!.optimizers[l].apply(named, message.learningRate);
          tf.dispose(named);
        });
        break;
      case "score": {
        const scores = await scoreBatch(state!.network, {
          images: message.images,
          labels: new Int32Array(message.size),
          size: message.size,
        }, message.options);
        reply({ type: "scores", scores });
        break;
      }
      case "read":
        reply({
          type: "state",
          weights: await state!.network.readWeights(),
          optimizers: await Promise.all(state!.optimizers.map((o) => o.readState())),
        });
        break;
    }
  } catch (error) {
    reply({ type: "error", message: (error as Error).message });
  }
}
