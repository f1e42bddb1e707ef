/**
 * The coordinator's side of a pipeline run: a step engine that hands every batch to stage 1 over NATS
 * JetStream and gathers what the stages report. At most `window` batches are in flight (published, not yet
 * reported by the last stage), so a fast coordinator cannot fill the broker. At the end of an epoch `syncTo`
 * fetches every stage's weights and optimizer states, so evaluation, Best and Fusion, checkpoints and the run
 * folder work as in one process.
 * @module
 */
import type { RunConfig } from "../config/run_config.ts";
import type { HostBatch } from "../data/batch_builder.ts";
import type { AsgeNetwork } from "../model/asge_network.ts";
import { blockWeightsFromArrays, weightArrays } from "../model/model_file.ts";
import type { BlockOptimizer } from "../training/block_optimizer.ts";
import type { StepEngine, StepStats } from "../training/step_engine.ts";
import type { StepEngineFactory } from "../training/train_in_memory.ts";
import { decodeFrame, encodeFrame } from "./frame_codec.ts";
import { acknowledge, type FrameReader, PipelineLink } from "./nats_link.ts";
import {
  type BatchFrame,
  frameId,
  type InitFrame,
  type ReportFrame,
  type StageJob,
  type StageTimings,
  type SyncFrame,
} from "./pipeline_messages.ts";
import { balancedSplit, evenSplit, measureBlockCosts, type StageRanges } from "./stage_balance.ts";

/** How the blocks are split: balanced by measured cost, evenly by count, or blocks per stage. */
export type StageSplit = "auto" | "even" | readonly number[];

/** Options of a pipeline run's coordinator. */
export interface PipelineOptions {
  /** NATS server URL (with JetStream). */
  readonly url: string;
  /** Run name shared with the stages (`--run`). */
  readonly run: string;
  /** Number of stages. */
  readonly stages: number;
  /** How to place the blocks (default `"auto"`). */
  readonly split?: StageSplit;
  /** Send activations as float16 (default false: float32, bit-identical to one process). */
  readonly float16?: boolean;
  /** Batches in flight at most (default 2 per stage). */
  readonly window?: number;
  /** Input frames between a stage's checkpoints (default 10). */
  readonly checkpointEvery?: number;
  /** Bytes the run's stream may hold (default 1 GiB); publishers wait when it is full. */
  readonly maxStreamBytes?: number;
  /** Stream storage (default `"file"`: survives a broker restart). */
  readonly storage?: "file" | "memory";
  /** Seconds without any report before the run fails as stalled (default 300). */
  readonly stallSeconds?: number;
  /** Seconds to retry an unreachable broker or a failed publish (default 30). */
  readonly retrySeconds?: number;
  /** Stops waits. */
  readonly signal?: AbortSignal;
  /** Receives the split and retries. */
  readonly onEvent?: (event: PipelineEvent) => void;
}

/** What the coordinator reports. */
export type PipelineEvent =
  | {
    readonly type: "split";
    readonly ranges: StageRanges;
    /** Measured milliseconds per step of each block (`"auto"` only). */
    readonly blockMs?: readonly number[];
  }
  | { readonly type: "retry"; readonly what: string; readonly attempt: number; readonly message: string };

/** Per stage totals over the run. */
export interface StageReport {
  /** Stage index, 0-based. */
  readonly stage: number;
  /** Its blocks `[first, end)`. */
  readonly blocks: readonly [number, number];
  /** Batches it reported. */
  readonly batches: number;
  /** Seconds decoding, computing, encoding, and blocked on the previous batch's publish (not waiting for input). */
  readonly busySeconds: number;
  /** Seconds of that spent training its blocks. */
  readonly computeSeconds: number;
  /** Seconds of that spent on the broker: decode, encode, blocked on a publish. */
  readonly transferSeconds: number;
  /** Seconds publishing (behind the next batch's compute, so not in busySeconds). */
  readonly publishSeconds: number;
  /** busySeconds over the coordinator's training wall time. */
  readonly busyShare: number;
  /** CPU seconds its process used on the batches (0 where not measurable). */
  readonly cpuSeconds: number;
  /** cpuSeconds over the training wall time: the share of a core it got. */
  readonly cpuShare: number;
  /** Bytes it received and sent. */
  readonly bytesIn: number;
  /** Bytes it sent. */
  readonly bytesOut: number;
}

/** What a pipeline run measured. */
export interface PipelineReport {
  /** The split. */
  readonly ranges: StageRanges;
  /** Measured milliseconds per step of each block, when the split was `"auto"`. */
  readonly blockMs?: readonly number[];
  /** Seconds of training (first step of each epoch to its last report), summed over epochs. */
  readonly trainSeconds: number;
  /** Images trained through the whole pipeline. */
  readonly images: number;
  /** images / trainSeconds. */
  readonly imagesPerSecond: number;
  /** Every stage's totals. */
  readonly stages: readonly StageReport[];
  /** Sum of busy seconds over stages x trainSeconds. */
  readonly efficiency: number;
  /** Bytes published (coordinator and stages) per training second. */
  readonly brokerBytesPerSecond: number;
  /** Broker time (decode, encode, publish) as a share of each stage's busy time, averaged over stages. */
  readonly transferShare: number;
}

/** Totals of one stage, accumulated from its reports. */
class StageTotals {
  batches = 0;
  readonly ms: Record<keyof StageTimings, number> = {
    decodeMs: 0,
    computeMs: 0,
    encodeMs: 0,
    publishMs: 0,
    blockedMs: 0,
    waitMs: 0,
    cpuMs: 0,
  };
  bytesIn = 0;
  bytesOut = 0;
  reported = new Set<number>();
  lastSeq = 0;
}

/**
 * The most bytes the run's stream must be able to hold at once: per stage input, the window's batches plus the
 * frames a stage holds unacknowledged between checkpoints (float32), and the weights and optimizer states
 * (the init frame on every stage's input, the weights reports), with 10 % to spare.
 */
function streamBytesNeeded(
  network: AsgeNetwork,
  batchSize: number,
  ranges: StageRanges,
  window: number,
  checkpointEvery: number,
): number {
  const weights = network.blocks.reduce(
    (s, b) => s + 4 * (3 * b.trainableParameters + b.frozenParameters),
    0,
  );
  const batches = ranges.reduce((sum, [first]) => {
    const [h, w, c] = network.blocks[first].shape.inputShape;
    return sum + (window + checkpointEvery + 1) * batchSize * (h * w * c + 1) * 4;
  }, 0);
  return Math.ceil(1.1 * (batches + (ranges.length + 1) * weights + 64 * 1024));
}

/** The step engine on the coordinator; see the module doc. */
class PipelineStepEngine implements StepEngine {
  readonly description: string;
  readonly #link: PipelineLink;
  readonly #reader: FrameReader;
  readonly #options: PipelineOptions;
  readonly #job: StageJob;
  readonly #session = crypto.randomUUID().slice(0, 8);
  readonly #totals: StageTotals[];
  readonly #weights = new Map<string, ReturnType<typeof decodeFrame<ReportFrame>>>();
  #seq = 0;
  #batches: number[] = [];
  #lossSum: number[];
  #correct: number[];
  #images = 0;
  #imagesTotal = 0;
  #failure: Error | undefined;
  #lastProgress = performance.now();
  #epochStart: number | undefined;
  #trainMs = 0;
  #closed = false;
  #wakers: (() => void)[] = [];
  readonly #pump: Promise<void>;

  constructor(link: PipelineLink, reader: FrameReader, options: PipelineOptions, job: StageJob) {
    this.#link = link;
    this.#reader = reader;
    this.#options = options;
    this.#job = job;
    const blocks = job.plan.blocks.length;
    this.#lossSum = new Array(blocks).fill(0);
    this.#correct = new Array(blocks).fill(0);
    this.#totals = job.ranges.map(() => new StageTotals());
    this.description = `${job.ranges.length}-stage pipeline over ${options.url} (blocks ${
      job.ranges.map(([a, b]) => b - a > 1 ? `${a + 1}-${b}` : `${b}`).join(" | ")
    })`;
    this.#pump = this.#readReports();
  }

  get ranges(): StageRanges {
    return this.#job.ranges;
  }

  async #readReports(): Promise<void> {
    try {
      while (!this.#closed) {
        const received = await this.#reader.next(1000);
        if (!received) continue;
        const frame = decodeFrame<ReportFrame>(received.bytes);
        acknowledge([received]);
        for (const wake of this.#wakers.splice(0)) wake();
        const h = frame.header;
        if (h.session !== this.#session) continue;
        this.#lastProgress = performance.now();
        const totals = this.#totals[h.stage];
        if (h.kind === "failed") {
          this.#failure = new Error(`pipeline stage ${h.stage + 1} failed at frame ${h.seq}: ${h.message}`);
        } else if (h.kind === "weights") {
          this.#weights.set(`${h.stage}.${h.seq}`, frame);
        } else if (!totals.reported.has(h.seq)) {
          // A stage restarted from its checkpoint reports again what it retrains: count each batch once.
          totals.reported.add(h.seq);
          totals.lastSeq = Math.max(totals.lastSeq, h.seq);
          totals.batches++;
          for (const key of Object.keys(totals.ms) as (keyof StageTimings)[]) {
            totals.ms[key] += h.timings[key];
          }
          totals.bytesIn += h.bytes.in;
          totals.bytesOut += h.bytes.out;
          const first = this.#job.ranges[h.stage][0];
          h.lossSum.forEach((v, i) => this.#lossSum[first + i] += v);
          h.correct.forEach((v, i) => this.#correct[first + i] += v);
        }
      }
    } catch (error) {
      if (!this.#closed) this.#failure = error as Error;
      for (const wake of this.#wakers.splice(0)) wake();
    }
  }

  /** Waits until `done()`, failing on a stage's failure or after `stallSeconds` without any report. */
  async #waitFor(done: () => boolean, what: () => string): Promise<void> {
    const stall = (this.#options.stallSeconds ?? 300) * 1000;
    this.#lastProgress = Math.max(this.#lastProgress, performance.now() - 1);
    while (!done()) {
      if (this.#failure) throw this.#failure;
      this.#options.signal?.throwIfAborted();
      if (performance.now() - this.#lastProgress > stall) {
        throw new Error(
          `pipeline stalled: no stage reported for ${stall / 1000} s while waiting for ${what()}; ` +
            `is every stage process running (deno task pipeline:stage --run ${this.#options.run} ...)? ` +
            `A restarted stage continues from its checkpoint.`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        this.#wakers.push(() => (clearTimeout(timer), resolve()));
      });
    }
    if (this.#failure) throw this.#failure;
  }

  #lastStageDone(): number {
    return this.#totals[this.#totals.length - 1].reported.size;
  }

  #missing(): string {
    return this.#totals.map((t, s) => `stage ${s + 1} reported ${t.batches} of ${this.#batches.length}`).join(
      ", ",
    );
  }

  async #publish(
    header: InitFrame | BatchFrame | SyncFrame | { kind: "stop"; session: string; seq: number },
    arrays: ReadonlyMap<string, Float32Array>,
    half = false,
  ): Promise<void> {
    const bytes = encodeFrame(header, arrays, half ? new Set(["x"]) : new Set());
    await this.#link.publishFrame(this.#link.inputSubject(0), frameId(header, "c"), bytes);
  }

  async step(batch: HostBatch, learningRate: number): Promise<void> {
    this.#epochStart ??= performance.now();
    const window = this.#options.window ?? 2 * this.#job.ranges.length;
    await this.#waitFor(
      () => this.#batches.length - this.#lastStageDone() < window,
      () => `a free place in the window of ${window} batches (${this.#missing()})`,
    );
    const header: BatchFrame = {
      kind: "batch",
      session: this.#session,
      seq: ++this.#seq,
      size: batch.size,
      learningRate,
    };
    this.#batches.push(header.seq);
    await this.#publish(
      header,
      new Map([["x", batch.images], ["labels", Float32Array.from(batch.labels)]]),
      this.#job.float16,
    );
    this.#images += batch.size;
  }

  async #drain(): Promise<void> {
    await this.#waitFor(
      () => this.#totals.every((t) => t.reported.size === this.#batches.length),
      () => `every stage to report every batch (${this.#missing()})`,
    );
    if (this.#epochStart !== undefined) {
      this.#trainMs += performance.now() - this.#epochStart;
      this.#epochStart = undefined;
    }
  }

  async takeStats(): Promise<StepStats> {
    await this.#drain();
    const stats = { lossSum: this.#lossSum, correct: this.#correct, images: this.#images };
    this.#imagesTotal += this.#images;
    this.#lossSum = new Array(this.#lossSum.length).fill(0);
    this.#correct = new Array(this.#correct.length).fill(0);
    this.#images = 0;
    return stats;
  }

  async syncTo(network: AsgeNetwork, optimizers: readonly BlockOptimizer[]): Promise<void> {
    await this.#drain();
    const header: SyncFrame = { kind: "sync", session: this.#session, seq: ++this.#seq };
    await this.#publish(header, new Map());
    const key = (s: number) => `${s}.${header.seq}`;
    await this.#waitFor(
      () => this.#totals.every((_, s) => this.#weights.has(key(s))),
      () => `the weights of every stage (sync ${header.seq})`,
    );
    this.#totals.forEach((_, s) => {
      const { header: h, arrays } = this.#weights.get(key(s))!;
      this.#weights.delete(key(s));
      if (h.kind !== "weights") return;
      const get = (name: string) => arrays.get(name)!;
      for (let l = h.blocks[0]; l < h.blocks[1]; l++) {
        network.blocks[l].load(blockWeightsFromArrays(arrays, l));
        const slots = network.blocks[l].variables.map((_, v) =>
          Array.from(
            { length: this.#job.optimizer.kind === "adam" ? 2 : 1 },
            (_, j) => get(`opt${l}.${v}.${j}`),
          )
        );
        optimizers[l].writeState({ step: h.optimizerSteps[l], slots });
      }
    });
  }

  async loadFrom(network: AsgeNetwork, optimizers: readonly BlockOptimizer[]): Promise<void> {
    const arrays = weightArrays(await network.readWeights());
    const states = await Promise.all(optimizers.map((o) => o.readState()));
    states.forEach((state, l) =>
      state.slots.forEach((slots, v) => slots.forEach((slot, s) => arrays.set(`opt${l}.${v}.${s}`, slot)))
    );
    const header: InitFrame = {
      kind: "init",
      session: this.#session,
      seq: ++this.#seq,
      job: this.#job,
      optimizerSteps: states.map((s) => s.step),
    };
    await this.#publish(header, arrays);
  }

  /** Sends the stop frame and closes the connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#publish({ kind: "stop", session: this.#session, seq: ++this.#seq }, new Map());
    } finally {
      this.#closed = true;
      this.#reader.stop();
      await this.#pump;
      await this.#link.close();
    }
  }

  report(blockMs?: readonly number[]): PipelineReport {
    if (this.#epochStart !== undefined) {
      this.#trainMs += performance.now() - this.#epochStart;
      this.#epochStart = undefined;
    }
    const trainSeconds = this.#trainMs / 1000;
    const stages = this.#totals.map((t, s): StageReport => {
      const busyMs = t.ms.decodeMs + t.ms.computeMs + t.ms.encodeMs + t.ms.blockedMs;
      return {
        stage: s,
        blocks: this.#job.ranges[s],
        batches: t.batches,
        busySeconds: busyMs / 1000,
        computeSeconds: t.ms.computeMs / 1000,
        transferSeconds: (busyMs - t.ms.computeMs) / 1000,
        publishSeconds: t.ms.publishMs / 1000,
        busyShare: trainSeconds > 0 ? busyMs / 1000 / trainSeconds : 0,
        cpuSeconds: t.ms.cpuMs / 1000,
        cpuShare: trainSeconds > 0 ? t.ms.cpuMs / 1000 / trainSeconds : 0,
        bytesIn: t.bytesIn,
        bytesOut: t.bytesOut,
      };
    });
    const busy = stages.reduce((sum, s) => sum + s.busySeconds, 0);
    const images = this.#imagesTotal + this.#images;
    return {
      ranges: this.#job.ranges,
      blockMs,
      trainSeconds,
      images,
      imagesPerSecond: trainSeconds > 0 ? images / trainSeconds : 0,
      stages,
      efficiency: trainSeconds > 0 ? busy / (stages.length * trainSeconds) : 0,
      brokerBytesPerSecond: trainSeconds > 0
        ? this.#link.bytesOut / trainSeconds +
          stages.reduce((sum, s) => sum + s.bytesOut, 0) / trainSeconds
        : 0,
      transferShare:
        stages.reduce((sum, s) => sum + (s.busySeconds > 0 ? s.transferSeconds / s.busySeconds : 0), 0) /
        stages.length,
    };
  }

  dispose(): void {
    // The connection closes in close(): dispose() cannot wait for the stop frame to be stored.
  }
}

/**
 * The coordinator of a pipeline run. Give `factory` to `trainInMemory` as its `engine`; call
 * {@linkcode PipelineCoordinator.close} when the run is over (it tells the stages to stop) and
 * {@linkcode PipelineCoordinator.report} for what was measured.
 */
export class PipelineCoordinator {
  /** The step-engine factory for `trainInMemory`. */
  readonly factory: StepEngineFactory;
  readonly #options: PipelineOptions;
  #engine: PipelineStepEngine | undefined;
  #blockMs: number[] | undefined;

  /**
   * Creates a {@linkcode PipelineCoordinator}; nothing connects until the run makes its engine.
   *
   * @param options Broker, run name, stages, split and limits.
   */
  constructor(options: PipelineOptions) {
    this.#options = options;
    this.factory = (network, optimizers, config) => this.#start(network, optimizers, config);
  }

  async #start(
    network: AsgeNetwork,
    optimizers: readonly BlockOptimizer[],
    config: RunConfig,
  ): Promise<StepEngine> {
    const options = this.#options;
    const emit = options.onEvent ?? (() => {});
    const blocks = network.blocks.length;
    const split = options.split ?? "auto";
    let ranges: StageRanges;
    if (split === "even") ranges = evenSplit(blocks, options.stages);
    else if (split === "auto") {
      this.#blockMs = options.stages === 1 ? undefined : await measureBlockCosts(network.plan, config);
      ranges = this.#blockMs ? balancedSplit(this.#blockMs, options.stages) : evenSplit(blocks, 1);
    } else {
      if (
        split.length !== options.stages || split.some((n) => !(Number.isInteger(n) && n >= 1)) ||
        split.reduce((a, b) => a + b, 0) !== blocks
      ) {
        throw new RangeError(
          `split ${split.join(",")} must give each of the ${options.stages} stages at least one block and ` +
            `${blocks} blocks in all`,
        );
      }
      let at = 0;
      ranges = split.map((n) => [at, at += n] as const);
    }
    emit({ type: "split", ranges, blockMs: this.#blockMs });
    const link = await PipelineLink.connect({
      url: options.url,
      run: options.run,
      name: "asge-coordinator",
      retrySeconds: options.retrySeconds,
      signal: options.signal,
      onRetry: (what, attempt, message) => emit({ type: "retry", what, attempt, message }),
    });
    try {
      const window = options.window ?? 2 * options.stages;
      const checkpointEvery = options.checkpointEvery ?? 10;
      const needed = streamBytesNeeded(network, config.batchSize, ranges, window, checkpointEvery);
      if (options.maxStreamBytes !== undefined && options.maxStreamBytes < needed) {
        throw new RangeError(
          `a stream limit of ${options.maxStreamBytes} bytes is too small for this run: the window of ${window} ` +
            `batches, ${checkpointEvery} unacknowledged frames per stage and the weights need ${needed}; ` +
            `raise it or lower the window and checkpointEvery`,
        );
      }
      await link.resetStream({
        maxBytes: options.maxStreamBytes ?? Math.max(1024 ** 3, needed),
        storage: options.storage,
      });
      const reader = await link.openReader("coordinator", `asge.${options.run}.out.>`);
      const job: StageJob = {
        plan: network.plan,
        encoding: network.encoding,
        optimizer: config.optimizer,
        seed: config.seed,
        ranges,
        float16: options.float16 ?? false,
        checkpointEvery,
      };
      this.#engine = new PipelineStepEngine(link, reader, options, job);
      await this.#engine.loadFrom(network, optimizers);
      return this.#engine;
    } catch (error) {
      await link.close();
      throw error;
    }
  }

  /**
   * What the run measured so far: images/s, each stage's busy share, bytes through the broker, efficiency.
   *
   * @returns The report; throws before the run has started.
   */
  report(): PipelineReport {
    if (!this.#engine) {
      throw new Error("the pipeline has not started: run trainInMemory with its factory first");
    }
    return this.#engine.report(this.#blockMs);
  }

  /** Tells the stages to stop and closes the connection (safe to call when the run never started). */
  async close(): Promise<void> {
    await this.#engine?.close();
  }
}
