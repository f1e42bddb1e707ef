/**
 * One training step under `tf.profile`: the peak of tfjs's tensor memory during the step and the kernels that
 * took the time.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { HostBatch } from "../lib/data/batch_builder.ts";
import type { StepEngine } from "../lib/training/step_engine.ts";

/** Time of one kernel name over a step. */
export interface KernelTime {
  /** tfjs kernel name, e.g. "Conv2DBackpropFilter". */
  readonly name: string;
  /** Calls in the step. */
  readonly calls: number;
  /** Milliseconds summed over the calls, as the backend's timer reports them. */
  readonly ms: number;
}

/** What {@linkcode profileStep} found. */
export interface StepProfile {
  /** Largest `tf.memory().numBytes` seen after any kernel of the step (network and optimizer state included). */
  readonly peakBytes: number;
  /** `tf.memory().numBytes` before the step. */
  readonly startBytes: number;
  /** Kernel names by total time, longest first. */
  readonly kernels: KernelTime[];
}

/**
 * Runs one step of a this-thread engine under `tf.profile`. Profiling times every kernel separately (on webgpu
 * with timestamp queries, elsewhere with a wall clock), so the step is slower than an unprofiled one: use the
 * times as shares, not as throughput.
 *
 * @param engine A step engine that runs in this thread (its tensors are on this thread's backend).
 * @param batch The batch.
 * @param learningRate Rate of the step.
 * @returns Peak bytes and kernel times.
 */
export async function profileStep(
  engine: StepEngine,
  batch: HostBatch,
  learningRate = 1e-3,
): Promise<StepProfile> {
  const startBytes = tf.memory().numBytes;
  const info = await tf.profile(async () => {
    await engine.step(batch, learningRate);
    await engine.takeStats();
  });
  const byName = new Map<string, { calls: number; ms: number }>();
  for (const kernel of info.kernels) {
    // Ops built with tf.customGrad (fused conv) appear as "<op>__op" around their kernels: count kernels only.
    if (kernel.name.endsWith("__op")) continue;
    const entry = byName.get(kernel.name) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += typeof kernel.kernelTimeMs === "number" ? kernel.kernelTimeMs : 0;
    byName.set(kernel.name, entry);
  }
  const kernels = [...byName].map(([name, e]) => ({ name, ...e })).sort((a, b) => b.ms - a.ms);
  return { peakBytes: Math.max(info.peakBytes, startBytes), startBytes, kernels };
}
