import assert from "node:assert/strict";
import { encodeFrame } from "../../lib/pipeline/frame_codec.ts";
import { LocalNatsServer } from "../../lib/pipeline/local_nats_server.ts";
import { PipelineLink } from "../../lib/pipeline/nats_link.ts";
import type { BatchFrame, InitFrame, StageJob, StatsFrame } from "../../lib/pipeline/pipeline_messages.ts";
import { runStage } from "../../lib/pipeline/stage_runner.ts";
import { decodeFrame } from "../../lib/pipeline/frame_codec.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { weightArrays } from "../../lib/model/model_file.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import { useCpu } from "../_tf_cpu.ts";
import { config, NATS_SERVER, SKIP_REASON } from "./_pipeline_fixture.ts";

await useCpu();

Deno.test({
  name: "runStage() trains a batch frame once even when it arrives twice under different ids" + SKIP_REASON,
  ignore: !NATS_SERVER,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await LocalNatsServer.start();
    const dir = await Deno.makeTempDir();
    const link = await PipelineLink.connect({ url: server.url, run: "dedup", name: "test", retrySeconds: 5 });
    try {
      await link.resetStream({ maxBytes: 16 * 1024 * 1024 });
      const reports = await link.openReader("coordinator", "asge.dedup.out.>");
      const plan = planNetwork(config.blocks, config.encoding, [8, 8, 1], 4);
      const network = new AsgeNetwork(plan, config.encoding, config.seed);
      const arrays = weightArrays(await network.readWeights());
      network.blocks.forEach((b, l) =>
        b.variables.forEach((v, i) =>
          [0, 1].forEach((s) => arrays.set(`opt${l}.${i}.${s}`, new Float32Array(v.size)))
        )
      );
      network.dispose();
      const job: StageJob = {
        plan,
        encoding: config.encoding,
        optimizer: config.optimizer,
        seed: config.seed,
        ranges: [[0, 3]],
        float16: false,
        checkpointEvery: 1,
      };
      const session = "s1";
      const init: InitFrame = { kind: "init", session, seq: 1, job, optimizerSteps: [0, 0, 0] };
      await link.publishFrame(link.inputSubject(0), "init", encodeFrame(init, arrays));
      const batch: BatchFrame = { kind: "batch", session, seq: 2, size: 4, learningRate: 1e-2 };
      const x = new Float32Array(4 * 64).map((_, i) => Math.sin(i));
      const batchArrays = new Map([["x", x], ["labels", new Float32Array([0, 1, 2, 3])]]);
      // The same frame twice, under ids the broker cannot match: the stage must tell by sequence number.
      await link.publishFrame(link.inputSubject(0), "batch-a", encodeFrame(batch, batchArrays));
      await link.publishFrame(link.inputSubject(0), "batch-b", encodeFrame(batch, batchArrays));
      await link.publishFrame(
        link.inputSubject(0),
        "stop",
        encodeFrame({ kind: "stop", session, seq: 3 }, new Map()),
      );
      const outcome = await runStage({ url: server.url, run: "dedup", stage: 0, dir, retrySeconds: 5 });
      assert.deepEqual(outcome, { trained: 1, skipped: 1, seq: 3 });
      const stats = [];
      for (let frame = await reports.next(2000); frame; frame = await reports.next(500)) {
        stats.push(decodeFrame<StatsFrame>(frame.bytes).header);
      }
      assert.equal(stats.length, 1);
      assert.equal(stats[0].seq, 2);
      assert.equal(stats[0].lossSum.length, 3);
      reports.stop();
    } finally {
      await link.close();
      await server.stop();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
