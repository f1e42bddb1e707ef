import assert from "node:assert/strict";
import { connect } from "nats";
import { LocalNatsServer } from "../../lib/pipeline/local_nats_server.ts";
import { PipelineLink } from "../../lib/pipeline/nats_link.ts";
import { trainPipeline } from "../../lib/pipeline/pipeline_training.ts";
import { runStage } from "../../lib/pipeline/stage_runner.ts";
import { trainInMemory } from "../../lib/training/train_in_memory.ts";
import { useCpu } from "../_tf_cpu.ts";
import {
  config,
  data,
  NATS_SERVER,
  SKIP_REASON,
  type StageProcess,
  startStage,
  stopStages,
  weightDifference,
} from "./_pipeline_fixture.ts";

await useCpu();

const reference = await trainInMemory({ config, data });
const referenceWeights = await reference.network.readWeights();
reference.network.dispose();

/** Waits (bounded) until `stage` printed a line matching `pattern`; returns the line. */
async function waitForLine(stage: StageProcess, pattern: RegExp, seconds = 60): Promise<string> {
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    const line = stage.lines.find((l) => pattern.test(l));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no line matching ${pattern} within ${seconds} s:\n${stage.lines.join("\n")}`);
}

/** Messages waiting on the stages' input subjects of `run`. */
async function waitingInputs(url: string, run: string): Promise<number> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(`ASGE_${run}`, { subjects_filter: `asge.${run}.in.>` });
    return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  } finally {
    await nc.close();
  }
}

/** Seqs a stage printed as trained. */
const trainedSeqs = (lines: readonly string[]) =>
  lines.flatMap((l) => /: trained (\d+)$/.exec(l)?.[1] ?? []).map(Number);

async function withPipeline(
  name: string,
  body: (server: LocalNatsServer, dir: string, stages: StageProcess[]) => Promise<void>,
  extra: (k: number) => string[] = () => [],
): Promise<void> {
  // Small messages: frames travel in chunks, so a kill can land between the chunks of a frame.
  const server = await LocalNatsServer.start({ maxPayload: 2048 });
  const dir = await Deno.makeTempDir();
  const stages = [0, 1, 2].map((k) => startStage(server.url, name, k, 3, `${dir}/stage-${k + 1}`, extra(k)));
  try {
    await body(server, dir, stages);
  } finally {
    await stopStages(stages, server, dir);
  }
}

Deno.test({
  name: "a stage killed with SIGKILL and restarted continues from its checkpoint: the same weights" +
    SKIP_REASON,
  ignore: !NATS_SERVER,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withPipeline("kill", async (server, dir, stages) => {
      const run = trainPipeline({
        config,
        data,
        runDir: `${dir}/run`,
        report: false,
        // A window of 2 keeps stage 2 from racing far ahead; a checkpoint every 3 frames leaves trained but
        // unacknowledged frames behind when the kill lands.
        pipeline: { url: server.url, run: "kill", stages: 3, split: "even", window: 2, checkpointEvery: 3 },
      });
      // Stage 2 holds after frame 8: it has trained and published 8, its last checkpoint is frame 7 at most.
      await waitForLine(stages[1], /holding after frame 8/);
      // Back-pressure: with stage 2 stopped, the coordinator publishes at most `window` batches beyond what the
      // last stage finished, so what waits in the broker stays bounded however long the stall lasts.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Counted in messages: a batch frame (12 x 8 x 8 floats, labels, header: under 3.5 kB) is 4 chunks of
      // 1 kB; unbounded, the 22 batches of the run would be 88 messages on stage 1's input alone.
      const inputs = await waitingInputs(server.url, "kill");
      assert.ok(inputs <= 2 * 3 * 4, `${inputs} input messages wait in the broker`);
      stages[1].child.kill("SIGKILL");
      const killed = await stages[1].done;
      assert.notEqual(killed.code, 0);
      const before = trainedSeqs(stages[1].lines);
      const restarted = startStage(server.url, "kill", 1, 3, `${dir}/stage-2`);
      stages[1] = restarted;
      const result = await run;
      const exit = await restarted.done;
      assert.equal(exit.code, 0, exit.output);
      const restoredAt = Number(/restored checkpoint at frame (\d+)/.exec(exit.output)?.[1]);
      assert.ok(restoredAt >= 2, `the restarted stage did not restore a checkpoint:\n${exit.output}`);
      // The checkpoint is frame 7 (every 3 frames), or earlier when the stage checkpointed while idle; frame 8
      // was trained after it and never acknowledged.
      assert.ok(restoredAt <= 7, `restored at ${restoredAt}`);
      // Every frame trained after the checkpoint came again and was trained again, once, from the checkpoint's
      // state; the repeated outputs carried the same message ids, so the broker dropped them. The weights are
      // the uninterrupted run's.
      assert.deepEqual(
        trainedSeqs(restarted.lines).filter((s) => before.includes(s)),
        before.filter((s) => s > restoredAt),
      );
      assert.ok(before.includes(8));
      assert.equal(weightDifference(referenceWeights, await result.network.readWeights()), 0);
      assert.deepEqual(
        result.pipeline.stages.map((s) => s.batches),
        [1, 2, 3].map(() => result.pipeline.stages[0].batches),
      );
      result.network.dispose();
    }, (k) => k === 1 ? ["--hold-after", "8"] : []);
  },
});

Deno.test({
  name: "a broker killed and restarted mid-run: clients reconnect, retry, and train the same weights" +
    SKIP_REASON,
  ignore: !NATS_SERVER,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withPipeline("broker", async (server, dir, stages) => {
      const run = trainPipeline({
        config,
        data,
        runDir: `${dir}/run`,
        report: false,
        pipeline: { url: server.url, run: "broker", stages: 3, split: "even", window: 2, checkpointEvery: 3 },
      });
      await waitForLine(stages[2], /: trained 6$/);
      await server.kill();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await server.restart();
      const result = await run;
      assert.equal(weightDifference(referenceWeights, await result.network.readWeights()), 0);
      result.network.dispose();
      const exits = await Promise.all(stages.map((s) => s.done));
      exits.forEach((e, k) => assert.equal(e.code, 0, `stage ${k + 1}:\n${e.output}`));
    });
  },
});

Deno.test("PipelineLink.connect() to a broker that is not there fails with a clear message, in bounded time", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const started = performance.now();
  await assert.rejects(
    PipelineLink.connect({ url: `nats://127.0.0.1:${port}`, run: "none", name: "test", retrySeconds: 1 }),
    new RegExp(`Cannot reach the NATS server at nats://127.0.0.1:${port}.*nats-server -js`),
  );
  assert.ok(performance.now() - started < 30_000);
  await assert.rejects(
    runStage({
      url: `nats://127.0.0.1:${port}`,
      run: "none",
      stage: 0,
      dir: await Deno.makeTempDir(),
      retrySeconds: 1,
    }),
    /Cannot reach the NATS server/,
  );
});
