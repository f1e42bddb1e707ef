import assert from "node:assert/strict";
import { runSplits } from "../../lib/data/run_splits.ts";
import { LocalNatsServer } from "../../lib/pipeline/local_nats_server.ts";
import { trainPipeline } from "../../lib/pipeline/pipeline_training.ts";
import { runTraining } from "../../lib/run/run_training.ts";
import { useCpu } from "../_tf_cpu.ts";
import {
  config,
  data,
  NATS_SERVER,
  SKIP_REASON,
  startStage,
  stopStages,
  weightDifference,
} from "./_pipeline_fixture.ts";

await useCpu();

Deno.test({
  name: "trainPipeline() over 3 stage processes trains the same weights and metrics as one process" +
    SKIP_REASON,
  ignore: !NATS_SERVER,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir();
    const single = await runTraining({ config, data, runDir: `${dir}/single`, report: false });
    // A 2 kB message limit: every frame crosses the broker in chunks of 1 kB (the weights in dozens).
    const server = await LocalNatsServer.start({ maxPayload: 2048 });
    const stages = [0, 1, 2].map((k) => startStage(server.url, "same", k, 3, `${dir}/stage-${k + 1}`));
    try {
      const piped = await trainPipeline({
        config,
        data,
        runDir: `${dir}/piped`,
        report: false,
        pipeline: { url: server.url, run: "same", stages: 3, split: "even", stallSeconds: 60 },
      });
      assert.equal(
        weightDifference(await single.network.readWeights(), await piped.network.readWeights()),
        0,
      );
      piped.metrics.forEach((m, e) => {
        const s = single.metrics[e];
        assert.deepEqual(m.testAccuracy, s.testAccuracy);
        assert.deepEqual(m.validationAccuracy, s.validationAccuracy);
        assert.equal(m.bestBlock, s.bestBlock);
        m.blocks.forEach((b, l) => {
          assert.equal(b.trainAccuracy, s.blocks[l].trainAccuracy);
          assert.ok(
            Math.abs(b.trainLoss - s.blocks[l].trainLoss) < 1e-5,
            `loss ${b.trainLoss} vs ${s.blocks[l].trainLoss}`,
          );
        });
      });
      assert.deepEqual(piped.pipeline.ranges, [[0, 1], [1, 2], [2, 3]]);
      assert.ok(piped.pipeline.stages[0].bytesIn > 2 * 2048, "the frames did not need chunks");
      const trainImages = runSplits(config, data).split.train.length;
      assert.equal(piped.pipeline.images, config.epochs * trainImages);
      for (const stage of piped.pipeline.stages) {
        assert.equal(stage.batches, config.epochs * Math.ceil(trainImages / config.batchSize));
        assert.ok(stage.busyShare > 0 && stage.busyShare <= 1.05, `busy share ${stage.busyShare}`);
      }
      // The run folder holds what a single-process run's holds.
      for (
        const file of ["config.json", "checkpoint.asge", "model.asge", "model-best.asge", "summary.json"]
      ) {
        await Deno.stat(`${dir}/piped/${file}`);
      }
      piped.network.dispose();
      const exits = await Promise.all(stages.map((s) => s.done));
      exits.forEach((e, k) => assert.equal(e.code, 0, `stage ${k + 1} exited ${e.code}:\n${e.output}`));
    } finally {
      single.network.dispose();
      await stopStages(stages, server, dir);
    }
  },
});
