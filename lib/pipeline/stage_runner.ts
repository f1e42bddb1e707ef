/**
 * One pipeline stage as a long-running task: it reads its input frames in order, trains its blocks on each
 * batch, publishes the detached output for the next stage and a report for the coordinator, checkpoints its
 * blocks every few frames and only then acknowledges them. Killed at any point and started again, it restores
 * the checkpoint and the stream hands it again everything it had not acknowledged: frames at or before the
 * checkpoint are acknowledged without training (nothing trained twice), the rest are trained (nothing lost).
 * @module
 */
import process from "node:process";
import { decodeFrame, encodeFrame } from "./frame_codec.ts";
import { acknowledge, type FrameReader, PipelineLink, type ReceivedFrame } from "./nats_link.ts";
import {
  type FailedFrame,
  frameId,
  type InitFrame,
  type InputFrame,
  type StageTimings,
  type StatsFrame,
  type WeightsFrame,
} from "./pipeline_messages.ts";
import { StageState } from "./stage_state.ts";

/** CPU milliseconds (user + system) this process has used so far. */
function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** What a stage reports while it runs. */
export type StageEvent =
  | { readonly type: "connected"; readonly url: string; readonly chunkBytes: number }
  | { readonly type: "restored"; readonly seq: number; readonly session: string }
  | { readonly type: "session"; readonly session: string; readonly blocks: readonly [number, number] }
  | { readonly type: "trained"; readonly seq: number; readonly timings: StageTimings }
  | { readonly type: "skipped"; readonly seq: number }
  | { readonly type: "checkpoint"; readonly seq: number; readonly path: string }
  | { readonly type: "retry"; readonly what: string; readonly attempt: number; readonly message: string }
  | { readonly type: "holding"; readonly seq: number }
  | { readonly type: "stopped"; readonly seq: number };

/** Options of {@linkcode runStage}. */
export interface StageOptions {
  /** NATS server URL. */
  readonly url: string;
  /** Run name (the coordinator's `run`). */
  readonly run: string;
  /** This stage's index, 0-based. */
  readonly stage: number;
  /** Folder for this stage's checkpoint (`stage-<k+1>.asge`). */
  readonly dir: string;
  /** Seconds to wait for the coordinator's stream to appear (default 120). */
  readonly waitSeconds?: number;
  /** Seconds to retry an unreachable broker or a failed publish (default 30). */
  readonly retrySeconds?: number;
  /** Stops the stage between frames (its last checkpoint stays). */
  readonly signal?: AbortSignal;
  /** Receives progress events. */
  readonly onEvent?: (event: StageEvent) => void;
  /**
   * For fault drills: after handling the frame with this sequence number (trained, its output stored, not yet
   * in a checkpoint), take no more frames and wait to be killed (emits `holding`), so a drill can kill the
   * stage at a known point.
   */
  readonly holdAfter?: number;
}

/** What a stage did in this process. */
export interface StageOutcome {
  /** Batches trained. */
  readonly trained: number;
  /** Frames acknowledged without training (already in the checkpoint). */
  readonly skipped: number;
  /** Sequence number of the stop frame. */
  readonly seq: number;
}

/**
 * Runs one stage until the coordinator's stop frame (or the signal).
 *
 * @param options Broker, run, stage index, checkpoint folder.
 * @returns Counts of what this process trained and skipped.
 */
export async function runStage(options: StageOptions): Promise<StageOutcome> {
  const emit = options.onEvent ?? (() => {});
  const k = options.stage;
  const checkpointPath = `${options.dir}/stage-${k + 1}.asge`;
  await Deno.mkdir(options.dir, { recursive: true });
  let state = await StageState.readCheckpoint(checkpointPath, k);
  if (state) emit({ type: "restored", seq: state.seq, session: state.session });
  const link = await PipelineLink.connect({
    url: options.url,
    run: options.run,
    name: `asge-stage-${k + 1}`,
    retrySeconds: options.retrySeconds,
    signal: options.signal,
    onRetry: (what, attempt, message) => emit({ type: "retry", what, attempt, message }),
  });
  emit({ type: "connected", url: options.url, chunkBytes: link.chunkBytes });
  let trained = 0, skipped = 0;
  const unacked: ReceivedFrame[] = [];
  // Publishing runs behind the next batch's compute, one frame after the other (frames must reach the broker in
  // order), at most one batch ahead; everything published is stored before a checkpoint acknowledges its input.
  let outbox: Promise<void> = Promise.resolve();
  let outboxError: Error | undefined;
  const flush = async () => {
    await outbox;
    if (outboxError) throw outboxError;
  };
  const send = (task: () => Promise<void>) => {
    outbox = outbox.then(task).catch((error) => void (outboxError ??= error as Error));
  };
  const checkpoint = async () => {
    await flush();
    await state!.writeCheckpoint(checkpointPath);
    emit({ type: "checkpoint", seq: state!.seq, path: checkpointPath });
    acknowledge(unacked.splice(0));
  };
  let reader: FrameReader | undefined;
  try {
    await link.waitForStream(options.waitSeconds ?? 120);
    reader = await link.openReader(`stage${k}`, link.inputSubject(k));
    let idleSince = performance.now();
    while (true) {
      options.signal?.throwIfAborted();
      const received = await reader.next(1000);
      if (!received) {
        // Idle with frames not yet acknowledged: checkpoint now, so the stream can let go of them (a stream at
        // its byte limit would otherwise wait on this stage while this stage waits for input).
        if (state && unacked.length > 0) await checkpoint();
        continue;
      }
      const waitMs = performance.now() - idleSince;
      const cpuStart = processCpuMs();
      const decodeStart = performance.now();
      const frame = decodeFrame<InputFrame>(received.bytes);
      const decodeMs = performance.now() - decodeStart;
      const header = frame.header;
      if (header.kind === "init" && header.session !== state?.session) {
        state?.dispose();
        state = new StageState(header.job, k, header.session, header.seq);
        state.load(frame.arrays, (header as InitFrame).optimizerSteps);
        emit({ type: "session", session: header.session, blocks: [state.first, state.end] });
        if (!state.isLast) {
          await link.publishFrame(link.inputSubject(k + 1), frameId(header, k), received.bytes);
        }
        unacked.push(received);
        await checkpoint();
        idleSince = performance.now();
        continue;
      }
      if (!state || header.session !== state.session || header.seq <= state.seq) {
        // Already in the checkpoint, or left over from an older session: acknowledge, do not train.
        acknowledge([received]);
        skipped++;
        emit({ type: "skipped", seq: header.seq });
        idleSince = performance.now();
        continue;
      }
      try {
        if (header.kind === "batch") {
          const computeStart = performance.now();
          const labels = Int32Array.from(frame.arrays.get("labels")!);
          const result = await state.train(frame.arrays.get("x")!, labels, header.learningRate);
          const computeMs = performance.now() - computeStart;
          const encodeStart = performance.now();
          const output = result.next &&
            encodeFrame(
              { ...header },
              new Map([["x", result.next], ["labels", frame.arrays.get("labels")!]]),
              state.job.float16 ? new Set(["x"]) : new Set(),
            );
          const encodeMs = performance.now() - encodeStart;
          // Wait for the previous batch's frames to be stored (back-pressure), then queue this one's.
          const blockedStart = performance.now();
          await flush();
          const blockedMs = performance.now() - blockedStart;
          const stats: Omit<StatsFrame, "timings"> = {
            kind: "stats",
            session: header.session,
            seq: header.seq,
            stage: k,
            lossSum: result.lossSum,
            correct: result.correct,
            images: labels.length,
            bytes: { in: received.bytes.length, out: output?.length ?? 0 },
          };
          const base = { decodeMs, computeMs, encodeMs, waitMs, blockedMs, cpuMs: processCpuMs() - cpuStart };
          const timings = { ...base, publishMs: 0 };
          send(async () => {
            const publishStart = performance.now();
            if (output) await link.publishFrame(link.inputSubject(k + 1), frameId(header, k), output);
            const report = { ...stats, timings: { ...base, publishMs: performance.now() - publishStart } };
            await link.publishFrame(link.reportSubject(k), frameId(stats, k), encodeFrame(report, new Map()));
          });
          trained++;
          emit({ type: "trained", seq: header.seq, timings });
        } else if (header.kind === "sync") {
          await flush();
          if (!state.isLast) {
            await link.publishFrame(link.inputSubject(k + 1), frameId(header, k), received.bytes);
          }
          const { arrays, optimizerSteps } = await state.save();
          const weights: WeightsFrame = {
            kind: "weights",
            session: header.session,
            seq: header.seq,
            stage: k,
            blocks: [state.first, state.end],
            optimizerSteps,
          };
          await link.publishFrame(link.reportSubject(k), frameId(weights, k), encodeFrame(weights, arrays));
        } else if (header.kind === "stop") {
          await flush();
          if (!state.isLast) {
            await link.publishFrame(link.inputSubject(k + 1), frameId(header, k), received.bytes);
          }
        }
      } catch (error) {
        const failed: FailedFrame = {
          kind: "failed",
          session: header.session,
          seq: header.seq,
          stage: k,
          message: (error as Error).message,
        };
        await link.publishFrame(link.reportSubject(k), frameId(failed, k), encodeFrame(failed, new Map()))
          .catch(() => {});
        throw error;
      }
      // Fault drills: the frame is trained and its output stored, but no checkpoint includes it yet.
      if (header.seq === options.holdAfter) {
        await flush();
        emit({ type: "holding", seq: header.seq });
        await new Promise((_, reject) => options.signal?.addEventListener("abort", reject, { once: true }));
      }
      state.seq = header.seq;
      unacked.push(received);
      if (header.kind !== "batch" || unacked.length >= state.job.checkpointEvery) await checkpoint();
      if (header.kind === "stop") {
        emit({ type: "stopped", seq: header.seq });
        return { trained, skipped, seq: header.seq };
      }
      idleSince = performance.now();
    }
  } finally {
    reader?.stop();
    state?.dispose();
    await link.close();
  }
}
