/**
 * The pipeline's connection to NATS JetStream: one work-queue stream per run carries every frame, in chunks
 * that fit the broker's `max_payload`, each published with a message id so the broker drops a chunk that a
 * restarted publisher sends again. Connecting, publishing and fetching retry for a bounded time and then fail
 * with a sentence that names the server, never hang.
 * @module
 */
import {
  AckPolicy,
  connect,
  type Consumer,
  type ConsumerMessages,
  DeliverPolicy,
  DiscardPolicy,
  headers,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
  RetentionPolicy,
  StorageType,
} from "nats";
import { ChunkAssembler, splitChunks } from "./frame_chunks.ts";

/** How to reach the broker and how long to keep trying. */
export interface LinkOptions {
  /** Server URL, e.g. `nats://127.0.0.1:4222`. */
  readonly url: string;
  /** Run name: the stream is `ASGE_<run>`, subjects `asge.<run>.*` (letters, digits, `-`, `_`). */
  readonly run: string;
  /** Name this client shows in the server's monitoring. */
  readonly name: string;
  /** Seconds to keep retrying an unreachable broker, a failed publish or fetch (default 30). */
  readonly retrySeconds?: number;
  /** Stops waits and retries. */
  readonly signal?: AbortSignal;
  /** Told about each retry (what failed, attempt number). */
  readonly onRetry?: (what: string, attempt: number, message: string) => void;
}

/** Limits of the run's stream. */
export interface StreamLimits {
  /** Bytes the stream may hold before publishers are refused and wait (back-pressure). */
  readonly maxBytes: number;
  /** `"file"` (survives a broker restart, default) or `"memory"`. */
  readonly storage?: "file" | "memory";
}

/** A whole frame read from a subject, with the messages to acknowledge once it is safely handled. */
export interface ReceivedFrame {
  /** The frame id the publisher gave. */
  readonly id: string;
  /** The subject it arrived on. */
  readonly subject: string;
  /** The frame bytes. */
  readonly bytes: Uint8Array;
  /** Its chunk messages. */
  readonly messages: readonly JsMsg[];
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Keeps per-chunk headers and the message id small. */
const FRAME_HEADER = "asge-frame";
const CHUNK_HEADER = "asge-chunk";

/**
 * Checks a run name for use in stream and subject names.
 *
 * @param run The run name.
 * @returns The name; throws naming the bad characters.
 */
export function checkRunName(run: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(run)) {
    throw new RangeError(`pipeline run name "${run}" must be 1-64 letters, digits, "-" or "_"`);
  }
  return run;
}

/** The connection, stream and subjects of one run. */
export class PipelineLink {
  /** The stream's name. */
  readonly stream: string;
  /** Largest chunk this link publishes, from the server's `max_payload` less room for headers. */
  readonly chunkBytes: number;
  /** Bytes published through this link. */
  bytesOut = 0;
  /** Bytes of whole frames read through this link. */
  bytesIn = 0;
  /** Times the client reconnected (after a broker restart or a network fault). */
  reconnects = 0;
  readonly #options: LinkOptions;
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;

  private constructor(options: LinkOptions, nc: NatsConnection, js: JetStreamClient, jsm: JetStreamManager) {
    this.#options = options;
    this.#nc = nc;
    this.#js = js;
    this.#jsm = jsm;
    this.stream = `ASGE_${options.run}`;
    // Room for the chunk's headers (frame id, index, message id): a few hundred bytes.
    const maxPayload = nc.info?.max_payload ?? 1024 * 1024;
    this.chunkBytes = Math.max(256, maxPayload - Math.min(4096, Math.floor(maxPayload / 2)));
    (async () => {
      for await (const status of nc.status()) if (status.type === "reconnect") this.reconnects++;
    })().catch(() => {});
  }

  /**
   * Connects, retrying an unreachable broker for `retrySeconds`; the client then reconnects by itself for
   * as long again if the broker goes away later.
   *
   * @param options Server, run and retry settings.
   * @returns The link.
   */
  static async connect(options: LinkOptions): Promise<PipelineLink> {
    checkRunName(options.run);
    const seconds = options.retrySeconds ?? 30;
    const deadline = performance.now() + seconds * 1000;
    for (let attempt = 1;; attempt++) {
      options.signal?.throwIfAborted();
      try {
        const nc = await connect({
          servers: options.url,
          name: options.name,
          timeout: 5000,
          reconnectTimeWait: 500,
          maxReconnectAttempts: Math.max(1, Math.ceil(seconds * 2)),
          pingInterval: 10_000,
        });
        const jsm = await nc.jetstreamManager({ timeout: 5000 }).catch(async (error) => {
          await nc.close();
          throw new Error(`the server has no JetStream (start it with nats-server -js): ${error.message}`);
        });
        return new PipelineLink(options, nc, nc.jetstream({ timeout: 10_000 }), jsm);
      } catch (error) {
        const message = (error as Error).message;
        if (message.includes("no JetStream") || performance.now() > deadline) {
          throw new Error(
            `Cannot reach the NATS server at ${options.url} (${message}; tried ${attempt} times in ${seconds} s): ` +
              `start it with "nats-server -js -a 127.0.0.1 -p 4222" or pass the right --nats URL`,
          );
        }
        options.onRetry?.(`connect to ${options.url}`, attempt, message);
        await sleep(1000, options.signal);
      }
    }
  }

  /** Subject of stage `k`'s input frames. */
  inputSubject(k: number): string {
    return `asge.${this.#options.run}.in.${k}`;
  }

  /** Subject of what stage `k` reports to the coordinator. */
  reportSubject(k: number): string {
    return `asge.${this.#options.run}.out.${k}`;
  }

  /** Runs `task` until it succeeds or `retrySeconds` pass, then throws naming `what`. */
  async #retry<T>(what: string, task: () => Promise<T>): Promise<T> {
    const seconds = this.#options.retrySeconds ?? 30;
    const deadline = performance.now() + seconds * 1000;
    for (let attempt = 1;; attempt++) {
      this.#options.signal?.throwIfAborted();
      try {
        return await task();
      } catch (error) {
        const message = (error as Error).message;
        if (this.#nc.isClosed() || performance.now() > deadline) {
          throw new Error(
            `${what} on the NATS server at ${this.#options.url} failed (${message}), still after ${attempt} tries ` +
              `in ${seconds} s: is the broker running with JetStream (nats-server -js) and reachable?`,
          );
        }
        this.#options.onRetry?.(what, attempt, message);
        await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 4)), this.#options.signal);
      }
    }
  }

  /**
   * Makes an empty stream for a new session of the run (the coordinator does this once at start): the old
   * stream, if any, is deleted with its consumers.
   *
   * @param limits Byte limit and storage.
   */
  async resetStream(limits: StreamLimits): Promise<void> {
    await this.#retry(`creating stream ${this.stream}`, async () => {
      await this.#jsm.streams.delete(this.stream).catch(() => false);
      await this.#jsm.streams.add({
        name: this.stream,
        subjects: [`asge.${this.#options.run}.>`],
        retention: RetentionPolicy.Workqueue,
        storage: limits.storage === "memory" ? StorageType.Memory : StorageType.File,
        max_bytes: limits.maxBytes,
        discard: DiscardPolicy.New,
        duplicate_window: 10 * 60 * 1e9,
        num_replicas: 1,
      });
    });
  }

  /**
   * Waits for the coordinator to have made the run's stream.
   *
   * @param seconds How long to wait.
   */
  async waitForStream(seconds: number): Promise<void> {
    const deadline = performance.now() + seconds * 1000;
    while (true) {
      this.#options.signal?.throwIfAborted();
      try {
        await this.#jsm.streams.info(this.stream);
        return;
      } catch (error) {
        if (performance.now() > deadline) {
          throw new Error(
            `stream ${this.stream} did not appear on ${this.#options.url} within ${seconds} s ` +
              `(${
                (error as Error).message
              }): start the coordinator (deno task pipeline) with --run ${this.#options.run}`,
          );
        }
        await sleep(250, this.#options.signal);
      }
    }
  }

  /**
   * Publishes one frame as chunks, each with id `<frame id>.<index>`, and waits for the broker to store every
   * chunk. A full stream (back-pressure) or a broker that is away is retried for `retrySeconds`.
   *
   * @param subject The subject.
   * @param id The frame's id, unique in the run's session (the broker drops repeats).
   * @param bytes The frame bytes.
   */
  async publishFrame(subject: string, id: string, bytes: Uint8Array): Promise<void> {
    const chunks = splitChunks(bytes, this.chunkBytes);
    for (let i = 0; i < chunks.length; i++) {
      const h = headers();
      h.set(FRAME_HEADER, id);
      h.set(CHUNK_HEADER, `${i}/${chunks.length}`);
      await this.#retry(
        `publishing ${id} to ${subject}`,
        () => this.#js.publish(subject, chunks[i], { msgID: `${id}.${i}`, headers: h, timeout: 3000 }),
      );
    }
    this.bytesOut += bytes.length;
  }

  /**
   * Opens a reader of `subject` under the durable name `durable`. Any older consumer of that name is deleted
   * first, so delivery starts again at the first message nobody acknowledged: a restarted stage gets exactly
   * what it had not acknowledged, in order.
   *
   * @param durable Consumer name.
   * @param subject Filter subject (may end in `>`).
   * @returns The reader.
   */
  async openReader(durable: string, subject: string): Promise<FrameReader> {
    const open = () =>
      this.#retry(`opening consumer ${durable}`, async () => {
        await this.#jsm.consumers.delete(this.stream, durable).catch(() => false);
        await this.#jsm.consumers.add(this.stream, {
          durable_name: durable,
          filter_subject: subject,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          ack_wait: 3600 * 1e9,
          max_ack_pending: 100_000,
        });
        return await this.#js.consumers.get(this.stream, durable);
      });
    return new FrameReader(this, await open(), open, (what, task) => this.#retry(what, task));
  }

  /** Closes the connection after flushing what was sent. */
  async close(): Promise<void> {
    if (this.#nc.isClosed()) return;
    await this.#nc.drain().catch(() => this.#nc.close());
  }
}

/** Reads whole frames from one consumer, in order, each once. */
export class FrameReader {
  readonly #link: PipelineLink;
  #consumer: Consumer;
  readonly #reopen: () => Promise<Consumer>;
  readonly #retry: <T>(what: string, task: () => Promise<T>) => Promise<T>;
  readonly #partials = new Map<string, { id: string; assembler: ChunkAssembler; messages: JsMsg[] }>();
  readonly #ready: ReceivedFrame[] = [];
  #lastSeq = 0;
  #reconnects: number;
  #messages: ConsumerMessages | undefined;
  #broken = false;
  #wakers: (() => void)[] = [];

  /** Made by {@linkcode PipelineLink.openReader}. */
  constructor(
    link: PipelineLink,
    consumer: Consumer,
    reopen: () => Promise<Consumer>,
    retry: <T>(what: string, task: () => Promise<T>) => Promise<T>,
  ) {
    this.#link = link;
    this.#consumer = consumer;
    this.#reopen = reopen;
    this.#retry = retry;
    this.#reconnects = link.reconnects;
  }

  #wake(): void {
    for (const wake of this.#wakers.splice(0)) wake();
  }

  /** Starts (or, after a reconnect or an error, restarts) the pull that feeds {@linkcode FrameReader.next}. */
  async #pull(): Promise<void> {
    if (this.#messages && !this.#broken && this.#link.reconnects === this.#reconnects) return;
    if (this.#messages) {
      // Messages sent to a dead connection count as delivered, and the old pull may be gone: a fresh consumer
      // hands out again everything not acknowledged, and what this reader already holds is skipped by sequence.
      this.#messages.stop();
      this.#consumer = await this.#reopen();
    }
    this.#reconnects = this.#link.reconnects;
    this.#broken = false;
    const messages = await this.#retry(
      "starting to read frames",
      () => this.#consumer.consume({ max_messages: 256, expires: 5000 }),
    );
    this.#messages = messages;
    (async () => {
      for await (const m of messages) {
        this.#take(m);
        this.#wake();
      }
    })().catch(() => {}).finally(() => {
      if (this.#messages === messages) this.#broken = true;
      this.#wake();
    });
  }

  /**
   * Waits up to `waitMs` for the next whole frame.
   *
   * @param waitMs Longest wait.
   * @returns The frame, or undefined when none came in time.
   */
  async next(waitMs: number): Promise<ReceivedFrame | undefined> {
    const deadline = performance.now() + waitMs;
    while (this.#ready.length === 0) {
      await this.#pull();
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.#wakers.push(() => (clearTimeout(timer), resolve()));
      });
    }
    const frame = this.#ready.shift()!;
    this.#link.bytesIn += frame.bytes.length;
    return frame;
  }

  /** Stops reading. */
  stop(): void {
    this.#messages?.stop();
    this.#messages = undefined;
  }

  #take(m: JsMsg): void {
    // A redelivery of a message this reader already holds: the original is acknowledged in its turn.
    if (m.seq <= this.#lastSeq) return;
    this.#lastSeq = m.seq;
    const id = m.headers?.get(FRAME_HEADER) ?? "";
    const [index, count] = (m.headers?.get(CHUNK_HEADER) ?? "0/1").split("/").map(Number);
    let partial = this.#partials.get(m.subject);
    if (index === 0) {
      // A frame started again from its first chunk supersedes any unfinished one before it.
      for (const old of partial?.messages ?? []) old.ack();
      partial = { id, assembler: new ChunkAssembler(), messages: [] };
      this.#partials.set(m.subject, partial);
    } else if (!partial || partial.id !== id) {
      m.ack(); // the tail of a frame handled before a restart
      return;
    }
    partial.messages.push(m);
    const whole = partial.assembler.add(id, index, count, m.data);
    if (whole) {
      this.#partials.delete(m.subject);
      this.#ready.push({ id, subject: m.subject, bytes: whole, messages: partial.messages });
    }
  }
}

/**
 * Acknowledges the messages of handled frames (after the state they led to is checkpointed).
 *
 * @param frames The frames.
 */
export function acknowledge(frames: readonly ReceivedFrame[]): void {
  for (const frame of frames) for (const m of frame.messages) m.ack();
}
