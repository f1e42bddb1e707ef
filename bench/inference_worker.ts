/**
 * A bench inference thread: its own backend and its own copy of the network (built from the plan and seed, so
 * every thread holds the same weights as the case's network), predicting the batches it is sent with one
 * strategy. `inference_pool.ts` runs one per thread.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { type BackendName, useBackend } from "../lib/backend/backends.ts";
import type { EncodingConfig } from "../lib/config/run_config.ts";
import { AsgeNetwork } from "../lib/model/asge_network.ts";
import type { NetworkPlan } from "../lib/model/network_plan.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";
import { predictClasses } from "./inference_throughput.ts";

/** Messages to an inference thread. */
export type ToInferenceWorker =
  | {
    readonly type: "init";
    readonly backend: Exclude<BackendName, "auto">;
    readonly plan: NetworkPlan;
    readonly encoding: EncodingConfig;
    readonly seed: number;
  }
  | {
    readonly type: "predict";
    readonly images: Float32Array;
    readonly size: number;
    readonly strategy: StrategyName;
    readonly bestBlock: number;
  };

/** Replies of an inference thread, one per message. */
export type FromInferenceWorker =
  | { readonly type: "ready"; readonly description: string }
  | { readonly type: "classes"; readonly classes: Int32Array }
  | { readonly type: "error"; readonly message: string };

const scope = self as unknown as {
  postMessage(message: FromInferenceWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToInferenceWorker>) => void) | null;
};

let network: AsgeNetwork | undefined;

async function handle(message: ToInferenceWorker): Promise<FromInferenceWorker> {
  if (message.type === "init") {
    const info = await useBackend(message.backend);
    network = new AsgeNetwork(message.plan, message.encoding, message.seed);
    return { type: "ready", description: info.description };
  }
  if (network === undefined) throw new Error("inference worker: 'predict' before 'init'");
  const [h, w, c] = network.plan.inputShape;
  const input = tf.tensor4d(message.images, [message.size, h, w, c]);
  const classes = predictClasses(network, input, message.strategy, message.bestBlock);
  const values = (await classes.data()) as Int32Array;
  tf.dispose([input, classes]);
  return { type: "classes", classes: values };
}

// One message at a time, in order: the pool matches replies to requests by order.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event) => {
  queue = queue.then(async () => {
    try {
      const reply = await handle(event.data);
      scope.postMessage(reply, reply.type === "classes" ? [reply.classes.buffer as ArrayBuffer] : []);
    } catch (error) {
      scope.postMessage({ type: "error", message: (error as Error).stack ?? String(error) });
    }
  });
};
