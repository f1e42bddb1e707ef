/**
 * Test helper: a tiny three-block run, stage processes started as a user would start them, and weight
 * comparison.
 * @module
 */
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import type { NetworkWeights } from "../../lib/model/asge_network.ts";
import { findNatsServer } from "../../lib/pipeline/local_nats_server.ts";
import { quadrantDataset } from "../_tf_cpu.ts";

/** The nats-server binary, or undefined (tests then skip, saying so in their name). */
export const NATS_SERVER = await findNatsServer();

/** Suffix for test names when the server is missing. */
export const SKIP_REASON = NATS_SERVER
  ? ""
  : " (skipped: nats-server is not installed; apt-get install nats-server)";

/** 144 images of 8x8, 4 classes. */
export const data = quadrantDataset(144);

/** Three small blocks, 2 epochs of 9 steps. */
export const config = resolveConfig("quick", {
  dataset: "bands",
  blocks: [
    { channels: 4, kernelSize: 3, pool: 2 },
    { channels: 6, kernelSize: 3, pool: 1 },
    { channels: 8, kernelSize: 3, pool: 1 },
  ],
  epochs: 2,
  batchSize: 12,
  optimizer: { learningRate: 1e-2 },
});

const STAGE_CLI = new URL("../../lib/cli/pipeline_stage.ts", import.meta.url).pathname;

/** A stage process and the lines it printed. */
export interface StageProcess {
  /** The child. */
  readonly child: Deno.ChildProcess;
  /** Lines printed on stderr so far. */
  readonly lines: string[];
  /** Resolves with the exit code and everything printed. */
  readonly done: Promise<{ code: number; output: string }>;
}

/**
 * Ends a test's stage processes (killing those still running and waiting for every one), then stops its broker
 * and removes its folder.
 *
 * @param stages The stage processes.
 * @param server The broker the test started.
 * @param dir The test's folder.
 */
export async function stopStages(
  stages: readonly StageProcess[],
  server: { stop(): Promise<void> },
  dir: string,
): Promise<void> {
  for (const s of stages) {
    try {
      s.child.kill("SIGKILL");
    } catch { /* exited */ }
  }
  await Promise.all(stages.map((s) => s.done));
  await server.stop();
  await Deno.remove(dir, { recursive: true });
}

/**
 * Starts `deno run lib/cli/pipeline_stage.ts` for stage `k` (0-based) of `n` on the cpu backend.
 *
 * @param url Broker URL.
 * @param run Run name.
 * @param k Stage index.
 * @param n Stage count.
 * @param dir Checkpoint folder.
 * @param extra More flags.
 * @returns The process.
 */
export function startStage(
  url: string,
  run: string,
  k: number,
  n: number,
  dir: string,
  extra: string[] = [],
): StageProcess {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      STAGE_CLI,
      "--stage",
      `${k + 1}/${n}`,
      "--run",
      run,
      "--nats",
      url,
      "--backend",
      "cpu",
      "--dir",
      dir,
      "--wait-seconds",
      "60",
      "--verbose",
      ...extra,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  const read = async (stream: ReadableStream<Uint8Array>) => {
    let rest = "";
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      rest += text;
      const parts = rest.split("\n");
      rest = parts.pop()!;
      lines.push(...parts);
    }
    if (rest) lines.push(rest);
  };
  const done = (async () => {
    const [status] = await Promise.all([child.status, read(child.stdout), read(child.stderr)]);
    return { code: status.code, output: lines.join("\n") };
  })();
  return { child, lines, done };
}

/**
 * The largest absolute difference between two networks' trained weights.
 *
 * @param a One network's weights.
 * @param b The other's.
 * @returns The difference (0 when identical).
 */
export function weightDifference(a: NetworkWeights, b: NetworkWeights): number {
  let worst = 0;
  a.blocks.forEach((block, l) => {
    for (const key of ["kernel", "bias"] as const) {
      block[key].forEach((v, i) => worst = Math.max(worst, Math.abs(v - b.blocks[l][key][i])));
    }
  });
  return worst;
}
