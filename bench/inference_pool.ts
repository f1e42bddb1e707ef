/**
 * Inference on every core: one thread per core, each with its own backend and copy of the network
 * (`inference_worker.ts`), batches handed out in turn with two in flight per thread. On wasm one tfjs instance
 * uses one core, so this is how asge's inference uses more than one (the training workers' scorer does the same
 * for evaluation, but always runs every block; this pool runs each strategy's own blocks).
 * @module
 */
import type { BackendName } from "../lib/backend/backends.ts";
import type { EncodingConfig } from "../lib/config/run_config.ts";
import type { HostBatch } from "../lib/data/batch_builder.ts";
import type { NetworkPlan } from "../lib/model/network_plan.ts";
import type { StrategyName } from "../lib/prediction/strategy_summary.ts";
import type { FromInferenceWorker, ToInferenceWorker } from "./inference_worker.ts";

/** One inference thread and the replies it owes, in order. */
class InferenceChannel {
  readonly #worker = new Worker(new URL("./inference_worker.ts", import.meta.url).href, { type: "module" });
  readonly #pending: { resolve: (m: FromInferenceWorker) => void; reject: (e: Error) => void }[] = [];

  constructor() {
    this.#worker.onmessage = (event: MessageEvent<FromInferenceWorker>) => {
      const message = event.data;
      const next = this.#pending.shift();
      if (message.type === "error") next?.reject(new Error(`inference worker: ${message.message}`));
      else next?.resolve(message);
    };
    this.#worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      const error = new Error(`inference worker crashed: ${event.message}`);
      for (const p of this.#pending.splice(0)) p.reject(error);
    };
  }

  request(message: ToInferenceWorker, transfer: Transferable[] = []): Promise<FromInferenceWorker> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#worker.postMessage(message, transfer);
    });
  }

  terminate(): void {
    this.#worker.terminate();
  }
}

/** Threads that predict batches with copies of one network. */
export class InferencePool {
  /** What the first thread's backend said it runs. */
  readonly description: string;
  readonly #channels: InferenceChannel[];
  #next = 0;

  private constructor(channels: InferenceChannel[], description: string) {
    this.#channels = channels;
    this.description = description;
  }

  /**
   * Starts `threads` inference threads.
   *
   * @param threads Threads (>= 1).
   * @param backend Backend of every thread.
   * @param plan The network's plan.
   * @param encoding Its encoding.
   * @param seed Its seed (the same seed gives every thread the same weights).
   * @returns The started pool.
   */
  static async start(
    threads: number,
    backend: Exclude<BackendName, "auto">,
    plan: NetworkPlan,
    encoding: EncodingConfig,
    seed: number,
  ): Promise<InferencePool> {
    const channels = Array.from({ length: threads }, () => new InferenceChannel());
    try {
      const replies = await Promise.all(
        channels.map((c) => c.request({ type: "init", backend, plan, encoding, seed })),
      );
      const first = replies[0] as Extract<FromInferenceWorker, { type: "ready" }>;
      return new InferencePool(channels, `${threads} inference threads, ${first.description}`);
    } catch (error) {
      for (const c of channels) c.terminate();
      throw error;
    }
  }

  /** Threads in the pool. */
  get threads(): number {
    return this.#channels.length;
  }

  /**
   * Predicts one batch on the next thread in turn.
   *
   * @param batch Normalised images (copied: the caller keeps its batch).
   * @param strategy "last", "fusion" or "best".
   * @param bestBlock Block Best stops at.
   * @returns The batch's predicted classes.
   */
  async predict(batch: HostBatch, strategy: StrategyName, bestBlock: number): Promise<Int32Array> {
    const channel = this.#channels[this.#next++ % this.#channels.length];
    const images = batch.images.slice();
    const reply = await channel.request(
      { type: "predict", images, size: batch.size, strategy, bestBlock },
      [images.buffer],
    );
    if (reply.type !== "classes") throw new Error(`inference worker answered "${reply.type}" to "predict"`);
    return reply.classes;
  }

  /** Stops the threads. */
  dispose(): void {
    for (const c of this.#channels) c.terminate();
  }
}

/**
 * Times inference on the pool: `warmup` batches per thread untimed, then batches handed out with two in flight
 * per thread, cycling through `batches` until every batch has been predicted once and `minSeconds` have passed.
 *
 * @param pool The pool.
 * @param batches Batches to cycle through.
 * @param warmup Untimed batches per thread.
 * @param strategy "last", "fusion" or "best".
 * @param bestBlock Block Best stops at.
 * @param minSeconds Shortest timed span.
 * @returns Images per second.
 */
export async function measurePoolInference(
  pool: InferencePool,
  batches: readonly HostBatch[],
  warmup: number,
  strategy: StrategyName,
  bestBlock: number,
  minSeconds = 0.5,
): Promise<number> {
  if (batches.length === 0) throw new RangeError("measurePoolInference: no batches");
  const warm = Array.from({ length: warmup * pool.threads }, (_, i) => batches[i % batches.length]);
  await Promise.all(warm.map((b) => pool.predict(b, strategy, bestBlock)));
  let images = 0;
  let issued = 0;
  const start = performance.now();
  const more = () => issued < batches.length || performance.now() - start < minSeconds * 1000;
  // Each lane issues its next batch when its last one came back; 2 lanes per thread keep every thread busy.
  const lane = async () => {
    while (more()) {
      const batch = batches[issued++ % batches.length];
      await pool.predict(batch, strategy, bestBlock);
      images += batch.size;
    }
  };
  await Promise.all(Array.from({ length: 2 * pool.threads }, lane));
  return images / ((performance.now() - start) / 1000);
}
