/**
 * Data-parallel training over worker threads: one tfjs instance uses one core (the threaded wasm build cannot
 * start in Deno), so N workers, each with its own backend and its own copy of the network, train on N shards of
 * every batch. Their gradients are averaged (weighted by shard size, in worker order, so every worker gets the
 * same bits) and every worker applies the same update: the copies stay identical, and the step equals the
 * single-thread step on the whole batch up to float rounding.
 * @module
 */
import type { BackendName } from "../backend/backends.ts";
import type { RunConfig } from "../config/run_config.ts";
import type { HostBatch } from "../data/batch_builder.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import type { BatchScorer } from "../prediction/score_batch.ts";
import type { BlockOptimizer } from "../training/block_optimizer.ts";
import type { StepEngine, StepStats } from "../training/step_engine.ts";
import { LocalStepEngine } from "../training/local_step_engine.ts";
import type { StepEngineFactory } from "../training/train_in_memory.ts";
import type { FromWorker, ToWorker } from "./worker_messages.ts";

type Gradients = Extract<FromWorker, { type: "gradients" }>;

/** One worker thread and the replies it owes, in order. */
class WorkerChannel {
  readonly #worker: Worker;
  readonly #pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] = [];
  #failure: Error | undefined;

  constructor() {
    this.#worker = new Worker(new URL("./training_worker.ts", import.meta.url).href, { type: "module" });
    this.#worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === "error") {
        this.#fail(new Error(`training worker: ${message.message}`));
        return;
      }
      this.#pending.shift()?.resolve(message);
    };
    this.#worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.#fail(new Error(`training worker crashed: ${event.message}`));
    };
  }

  #fail(error: Error): void {
    this.#failure = error;
    for (const p of this.#pending.splice(0)) p.reject(error);
  }

  /** Sends a message that gets no reply. */
  post(message: ToWorker, transfer: Transferable[] = []): void {
    if (this.#failure) throw this.#failure;
    this.#worker.postMessage(message, transfer);
  }

  /** Sends a message and waits for its reply. */
  request(message: ToWorker, transfer: Transferable[] = []): Promise<FromWorker> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#worker.postMessage(message, transfer);
    });
  }

  terminate(): void {
    this.#worker.terminate();
  }
}

/** Trains on worker threads; see the module doc. */
export class WorkerStepEngine implements StepEngine {
  /** Description for logs. */
  readonly description: string;
  /** Scores evaluation batches on the workers, in turn. */
  readonly scorer: BatchScorer;
  /** Two batches per worker: one being scored, one waiting. */
  readonly scoreConcurrency: number;
  readonly #channels: WorkerChannel[];
  #nextScorer = 0;
  readonly #blocks: number;
  #lossSum: number[];
  #correct: number[];
  #images = 0;

  private constructor(channels: WorkerChannel[], blocks: number, description: string) {
    this.#channels = channels;
    this.#blocks = blocks;
    this.#lossSum = new Array(blocks).fill(0);
    this.#correct = new Array(blocks).fill(0);
    this.description = description;
    this.scoreConcurrency = 2 * channels.length;
    this.scorer = async (batch, options) => {
      const channel = this.#channels[this.#nextScorer++ % this.#channels.length];
      const images = batch.images.slice();
      const reply = await channel.request({ type: "score", images, size: batch.size, options }, [
        images.buffer,
      ]);
      if (reply.type !== "scores") throw new Error(`training worker answered "${reply.type}" to "score"`);
      return reply.scores;
    };
  }

  /**
   * Starts `workers` threads on `backend` with copies of the network and optimizers.
   *
   * @param workers Number of threads (>= 1).
   * @param backend Backend each worker selects.
   * @param network The trainer's network (its current weights are copied).
   * @param optimizers The trainer's optimizers (their current states are copied).
   * @param config The run's config.
   * @returns The running engine.
   */
  static async start(
    workers: number,
    backend: BackendName,
    network: AsgeNetwork,
    optimizers: readonly BlockOptimizer[],
    config: RunConfig,
  ): Promise<WorkerStepEngine> {
    const channels = Array.from({ length: workers }, () => new WorkerChannel());
    try {
      const replies = await Promise.all(channels.map((c) =>
        c.request({
          type: "init",
          backend,
          plan: network.plan,
          encoding: network.encoding,
          optimizer: config.optimizer,
          seed: config.seed,
        })
      ));
      const first = replies[0] as Extract<FromWorker, { type: "ready" }>;
      const engine = new WorkerStepEngine(
        channels,
        network.blocks.length,
        `${workers} workers, ${first.description}`,
      );
      await engine.loadFrom(network, optimizers);
      return engine;
    } catch (error) {
      for (const c of channels) c.terminate();
      throw error;
    }
  }

  /** Splits the batch over the workers, averages their gradients and has every worker apply the average. */
  async step(batch: HostBatch, learningRate: number): Promise<void> {
    const pixels = batch.images.length / batch.size;
    const used = Math.min(this.#channels.length, batch.size);
    const sizes = Array.from(
      { length: used },
      (_, w) => Math.floor((batch.size * (w + 1)) / used) - Math.floor((batch.size * w) / used),
    );
    let start = 0;
    const replies = await Promise.all(sizes.map((size, w) => {
      const images = batch.images.slice(start * pixels, (start + size) * pixels);
      const labels = batch.labels.slice(start, start + size);
      start += size;
      return this.#channels[w].request({ type: "gradients", images, labels }, [images.buffer, labels.buffer]);
    })) as Gradients[];
    // Every variable of every block (kernel, bias and the inner convs'), averaged in worker order.
    const averaged = replies[0].blocks.map((first, l) => {
      const sums = first.gradients.map((g) => new Float32Array(g.length));
      replies.forEach((reply, w) => {
        const weight = sizes[w] / batch.size;
        const g = reply.blocks[l];
        sums.forEach((sum, v) => {
          const part = g.gradients[v];
          for (let i = 0; i < sum.length; i++) sum[i] += part[i] * weight;
        });
        this.#lossSum[l] += g.lossSum;
        this.#correct[l] += g.correct;
      });
      return sums;
    });
    this.#images += batch.size;
    for (const channel of this.#channels) channel.post({ type: "apply", gradients: averaged, learningRate });
  }

  /** Returns and resets the sums. */
  takeStats(): Promise<StepStats> {
    const stats = { lossSum: this.#lossSum, correct: this.#correct, images: this.#images };
    this.#lossSum = new Array(this.#blocks).fill(0);
    this.#correct = new Array(this.#blocks).fill(0);
    this.#images = 0;
    return Promise.resolve(stats);
  }

  /** Copies worker 0's weights and optimizer states into the trainer's network and optimizers. */
  async syncTo(network: AsgeNetwork, optimizers: readonly BlockOptimizer[]): Promise<void> {
    const reply = await this.#channels[0].request({ type: "read" });
    if (reply.type !== "state") throw new Error(`training worker answered "${reply.type}" to "read"`);
    network.writeWeights(reply.weights);
    optimizers.forEach((o, l) => o.writeState(reply.optimizers[l]));
  }

  /** Copies the trainer's weights and optimizer states into every worker. */
  async loadFrom(network: AsgeNetwork, optimizers: readonly BlockOptimizer[]): Promise<void> {
    const weights = await network.readWeights();
    const states = await Promise.all(optimizers.map((o) => o.readState()));
    await Promise.all(this.#channels.map((c) => c.request({ type: "load", weights, optimizers: states })));
  }

  /** Stops the workers. */
  dispose(): void {
    for (const c of this.#channels) c.terminate();
  }
}

/**
 * A step-engine factory for `runTraining` and `trainInMemory`: `workers` threads on `backend`, or this thread
 * (a {@linkcode LocalStepEngine}, no worker started) when `workers` is 1.
 *
 * @param workers Number of worker threads, a whole number >= 1.
 * @param backend Backend each worker selects (the one the main thread uses).
 * @returns The factory.
 * @example One worker means this thread
 * ```ts
 * import { workerEngine } from "./worker_step_engine.ts";
 * let threw = false;
 * try {
 *   workerEngine(0, "cpu");
 * } catch {
 *   threw = true;
 * }
 * if (!threw) throw new Error("0 workers must be refused");
 * ```
 */
export function workerEngine(workers: number, backend: BackendName): StepEngineFactory {
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workerEngine(): workers is ${workers}; pass a whole number >= 1`);
  }
  if (workers === 1) {
    return (network, optimizers) => Promise.resolve(new LocalStepEngine(network, optimizers));
  }
  return (network, optimizers, config) =>
    WorkerStepEngine.start(workers, backend, network, optimizers, config);
}
