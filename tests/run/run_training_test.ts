import assert from "node:assert/strict";
import { bandsConfig, withoutTimings } from "../_bands_run.ts";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";
import { RunFolderError } from "../../lib/run/run_error.ts";
import { RUN_FILES } from "../../lib/run/run_folder.ts";
import { runTraining } from "../../lib/run/run_training.ts";
import { LocalStepEngine } from "../../lib/training/local_step_engine.ts";
import { trainInMemory } from "../../lib/training/train_in_memory.ts";
import { NonFiniteError } from "../../lib/training/training_health.ts";

await useCpu();

const data = quadrantDataset(384);

async function withDir(test: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await test(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("runTraining() resumed from a checkpoint ends exactly where an uninterrupted run ends", async () => {
  await withDir(async (dir) => {
    const straight = await trainInMemory({ config: bandsConfig(3), data });
    const controller = new AbortController();
    await assert.rejects(
      runTraining({
        config: bandsConfig(3),
        data,
        runDir: dir,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "checkpoint" && e.epoch === 2) controller.abort();
        },
      }),
    );
    const saved = (await Deno.readTextFile(`${dir}/${RUN_FILES.metrics}`)).trim().split("\n");
    assert.equal(saved.length, 2, "two epochs must be on disk when the run was stopped");
    let started = -1;
    const resumed = await runTraining({
      config: bandsConfig(3),
      data,
      runDir: dir,
      resume: true,
      report: false,
      onEvent: (e) => {
        if (e.type === "start") started = e.startEpoch;
      },
    });
    assert.equal(started, 2);
    assert.deepEqual(withoutTimings(resumed.metrics), withoutTimings(straight.metrics));
    assert.deepEqual(await resumed.network.readWeights(), await straight.network.readWeights());
    straight.network.dispose();
    resumed.network.dispose();
  });
});

Deno.test("runTraining() writes every file of the run folder", async () => {
  await withDir(async (dir) => {
    const outcome = await runTraining({ config: bandsConfig(1), data, runDir: dir, backend: "cpu (test)" });
    outcome.network.dispose();
    for (const [key, name] of Object.entries(RUN_FILES)) {
      assert.equal(outcome.files[key as keyof typeof RUN_FILES], `${dir}/${name}`);
      assert.ok((await Deno.stat(`${dir}/${name}`)).size > 0, name);
    }
    const summary = JSON.parse(await Deno.readTextFile(`${dir}/${RUN_FILES.summary}`));
    assert.equal(summary.backend, "cpu (test)");
    assert.deepEqual(summary.config, bandsConfig(1));
  });
});

Deno.test("runTraining() refuses a folder that holds a run unless resuming, and a checkpoint of another config", async () => {
  await withDir(async (dir) => {
    (await runTraining({ config: bandsConfig(1), data, runDir: dir, report: false })).network.dispose();
    await assert.rejects(
      runTraining({ config: bandsConfig(1), data, runDir: dir }),
      (e) => e instanceof RunFolderError && e.problem === "exists" && /already holds a run/.test(e.message),
    );
    const other = { ...bandsConfig(1), seed: 99 };
    await assert.rejects(
      runTraining({ config: other, data, runDir: dir, resume: true }),
      (e) => e instanceof RunFolderError && e.problem === "other-config" && /another config/.test(e.message),
    );
  });
});

Deno.test("runTraining() lets one run at a time write a folder: a second one started meanwhile is refused", async () => {
  await withDir(async (dir) => {
    let second: Promise<unknown> | undefined;
    const first = await runTraining({
      config: bandsConfig(1),
      data,
      runDir: dir,
      report: false,
      onEvent: () => {
        second ??= runTraining({ config: bandsConfig(1), data, runDir: dir }).then(
          () => "ran",
          (error) => error,
        );
      },
    });
    first.network.dispose();
    const refused = await second;
    assert.ok(refused instanceof RunFolderError, `the second run ${refused}`);
    assert.equal(refused.problem, "busy");
    assert.match(refused.message, new RegExp(`in use by another run \\(pid ${Deno.pid}, since `));
  });
});

Deno.test("runTraining() stops at a non-finite loss, naming block, epoch and step, and keeps the last good checkpoint", async () => {
  await withDir(async (dir) => {
    const stepsPerEpoch = Math.ceil((data.train.count * (1 - bandsConfig(3).validationFraction)) / 32);
    let before: Uint8Array | undefined;
    let steps = 0;
    // Epoch 2 onwards trains at a learning rate of 1e30, as `--lr 1e30` would from the start.
    const engine = (...args: ConstructorParameters<typeof LocalStepEngine>) => {
      const inner = new LocalStepEngine(...args);
      const step = inner.step.bind(inner);
      inner.step = (batch, rate) => step(batch, steps++ >= stepsPerEpoch ? 1e30 : rate);
      return Promise.resolve(inner);
    };
    const error = await runTraining({
      config: bandsConfig(3),
      data,
      runDir: dir,
      engine,
      onEvent: (e) => {
        if (e.type === "checkpoint") before = Deno.readFileSync(e.path);
      },
    }).then(() => undefined, (e) => e);
    assert.ok(error instanceof NonFiniteError, `expected a NonFiniteError, got ${error}`);
    assert.equal(error.epoch, 2);
    assert.ok(error.step >= 1 && error.step <= stepsPerEpoch);
    assert.match(
      error.message,
      new RegExp(
        `^Block ${
          error.block + 1
        }'s local loss became (NaN|-?Infinity) in epoch 2 (at step|between steps \\d+ and) ${error.step}`,
      ),
    );
    assert.deepEqual(
      await Deno.readFile(`${dir}/${RUN_FILES.checkpoint}`),
      before,
      "the epoch-1 checkpoint changed",
    );
    const metrics = (await Deno.readTextFile(`${dir}/${RUN_FILES.metrics}`)).trim().split("\n");
    assert.equal(metrics.length, 1);
    for (const file of [RUN_FILES.model, RUN_FILES.bestModel, RUN_FILES.summary]) {
      await assert.rejects(Deno.stat(`${dir}/${file}`), Deno.errors.NotFound, `${file} was written`);
    }
  });
});
