import assert from "node:assert/strict";
import { main } from "../../lib/cli/train.ts";
import { main as evalMain } from "../../lib/cli/eval.ts";
import { main as reproduceMain } from "../../lib/cli/reproduce.ts";
import { defaultWorkers } from "../../lib/cli/default_workers.ts";
import { RUN_FILES } from "../../lib/run/run_folder.ts";
import { runTraining } from "../../lib/run/run_training.ts";
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";

const hasFashionMnist = await Deno.stat("/usr/share/datasets/fashion-mnist").then(() => true, () => false);

async function capture(run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const decoder = new TextDecoder();
  let out = "", err = "";
  const [stdout, stderr] = [Deno.stdout.writeSync, Deno.stderr.writeSync];
  Deno.stdout.writeSync = (p: Uint8Array) => (out += decoder.decode(p), p.length);
  Deno.stderr.writeSync = (p: Uint8Array) => (err += decoder.decode(p), p.length);
  try {
    return { code: await run(), out, err };
  } finally {
    Deno.stdout.writeSync = stdout;
    Deno.stderr.writeSync = stderr;
  }
}

Deno.test("train main() exits 2 with a one-line message on a bad flag", async () => {
  const { code, err } = await capture(() => main(["--epochs=-3"]));
  assert.equal(code, 2);
  assert.equal(err.trim().split("\n").length, 1);
  assert.match(err, /^error: --epochs must be a whole number >= 1, got "-3"/);
});

Deno.test("train main() answers a negative value with what the flag accepts, not 'argument is ambiguous'", async () => {
  for (
    const [args, message] of [
      [["--epochs", "-1"], `error: --epochs must be a whole number >= 1, got "-1"\n`],
      [["--alpha", "-2"], `error: --alpha must be a number >= 0, got "-2"\n`],
    ] as const
  ) {
    const { code, err } = await capture(() => main([...args]));
    assert.equal(code, 2);
    assert.equal(err, message);
  }
});

Deno.test("train main() --resume with an override other than --epochs refuses with a sentence naming the flag", async () => {
  await useCpu();
  const dir = await Deno.makeTempDir();
  try {
    const config = resolveConfig("quick", {
      dataset: "bands",
      blocks: [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
      epochs: 1,
      batchSize: 32,
    });
    (await runTraining({ config, data: quadrantDataset(128), runDir: dir, report: false })).network.dispose();
    const before = await Deno.readFile(`${dir}/${RUN_FILES.checkpoint}`);
    const { code, err } = await capture(() =>
      main(["--out", dir, "--resume", "--lr", "0.5", "--epochs", "2"])
    );
    assert.equal(code, 2);
    assert.equal(
      err,
      `error: --resume continues the run in "${dir}" with its own config; --lr would change it. Drop --lr, ` +
        `or start a new run with another --out folder\n`,
    );
    assert.deepEqual(await Deno.readFile(`${dir}/${RUN_FILES.checkpoint}`), before);
    const other = await capture(() => reproduceMain(["cifar10", "--out", dir, "--resume"]));
    assert.equal(other.code, 2);
    assert.equal(
      other.err,
      `error: --resume continues the run in "${dir}" with its own config; this command's preset, this command's ` +
        `dataset would change it. Choose the --out folder of a run of this command, or a new one\n`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("train main() refuses --resume where there is no checkpoint", async () => {
  const dir = await Deno.makeTempDir();
  const { code, err } = await capture(() => main(["--out", dir, "--resume"]));
  assert.equal(code, 2);
  assert.match(err, /holds no checkpoint to continue/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test({
  name: "train main() trains, writes the run folder, prints the summary, and refuses to overwrite the run" +
    (hasFashionMnist ? "" : " (skipped: Debian's dataset-fashion-mnist is not installed)"),
  ignore: !hasFashionMnist,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const args = ["--limit", "600", "--epochs", "1", "--workers", "1", "--out", dir];
      const { code, out, err } = await capture(() => main(args));
      assert.equal(code, 0, err);
      for (const file of Object.values(RUN_FILES)) {
        assert.ok((await Deno.stat(`${dir}/${file}`)).size > 0, file);
      }
      assert.match(out, /strategy\s+test acc\s+val acc/);
      assert.match(out, /best \(block \d\)/);
      assert.match(err, /epoch 1: test last/);
      assert.doesNotMatch(err, /warning:/, "a healthy run must not warn");
      const metrics = (await Deno.readTextFile(`${dir}/${RUN_FILES.metrics}`)).trim().split("\n").map((l) =>
        JSON.parse(l)
      );
      assert.equal(metrics.length, 1);
      assert.deepEqual(Object.keys(metrics[0].testAccuracy), ["last", "fusion", "best"]);
      const evaluated = await capture(() => evalMain(["--run", dir, "--strategy", "best"]));
      assert.equal(evaluated.code, 0, evaluated.err);
      const summary = JSON.parse(await Deno.readTextFile(`${dir}/${RUN_FILES.summary}`));
      const best = summary.strategies.find((s: { strategy: string }) => s.strategy === "best");
      assert.match(
        evaluated.out,
        new RegExp(`best \\(block ${summary.bestBlock + 1}\\)\\s+${(best.testAccuracy * 100).toFixed(2)}%`),
      );
      const again = await capture(() => main(args));
      assert.equal(again.code, 2);
      assert.match(again.err, /already holds a run/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "train main() --lr 1e30 stops with exit 1 naming block, epoch and step, and writes no checkpoint or model" +
    (hasFashionMnist ? "" : " (skipped: Debian's dataset-fashion-mnist is not installed)"),
  ignore: !hasFashionMnist,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const args = ["--limit", "600", "--epochs", "2", "--workers", "1", "--lr", "1e30", "--out", dir];
      const { code, err } = await capture(() => main(args));
      assert.equal(code, 1, err);
      assert.match(
        err,
        /error: Block \d's local loss became (NaN|-?Infinity) in epoch 1 (at step|between steps \d+ and) \d+/,
      );
      assert.match(err, /stopped before saving this epoch/);
      for (const file of [RUN_FILES.checkpoint, RUN_FILES.model, RUN_FILES.bestModel, RUN_FILES.summary]) {
        await assert.rejects(Deno.stat(`${dir}/${file}`), Deno.errors.NotFound, file);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "train main() --lr 1e8 warns that the loss diverges" +
    (hasFashionMnist ? "" : " (skipped: Debian's dataset-fashion-mnist is not installed)"),
  ignore: !hasFashionMnist,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const { err } = await capture(() =>
        main(["--limit", "600", "--epochs", "1", "--workers", "1", "--lr", "1e8", "--out", dir])
      );
      assert.match(err, /warning: block \d's local loss is \S+ \(epoch 1, step \d+\), over 10x chance/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** Starts `deno task train` as its own process; `lines` fills with its stderr. */
function spawnTrain(args: string[]): { child: Deno.ChildProcess; stderr: Promise<string> } {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL("../../lib/cli/train.ts", import.meta.url).pathname, ...args],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  return { child, stderr: new Response(child.stderr).text() };
}

async function waitForFile(path: string): Promise<void> {
  for (;;) {
    if (await Deno.stat(path).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

Deno.test({
  name:
    "two train processes on one --out: the second is refused while the first runs; after kill -9 of the " +
    "first, --resume takes the folder" +
    (hasFashionMnist ? "" : " (skipped: Debian's dataset-fashion-mnist is not installed)"),
  ignore: !hasFashionMnist,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const common = ["--limit", "3000", "--workers", "1", "--out", dir];
      const first = spawnTrain([...common, "--epochs", "50"]);
      await waitForFile(`${dir}/${RUN_FILES.checkpoint}`);
      const second = spawnTrain([...common, "--resume"]);
      assert.equal((await second.child.status).code, 2);
      assert.match(
        await second.stderr,
        new RegExp(`error: The run folder "${dir}" is in use by another run \\(pid ${first.child.pid}, `),
      );
      first.child.kill("SIGKILL");
      assert.equal((await first.child.status).signal, "SIGKILL");
      await first.stderr;
      const saved = (await Deno.readTextFile(`${dir}/${RUN_FILES.metrics}`)).trim().split("\n").length;
      const third = spawnTrain([...common, "--resume", "--epochs", String(saved + 1)]);
      const thirdErr = await third.stderr;
      assert.equal((await third.child.status).code, 0, thirdErr);
      assert.match(thirdErr, /resuming after epoch \d+/);
      const metrics = (await Deno.readTextFile(`${dir}/${RUN_FILES.metrics}`)).trim().split("\n");
      assert.equal(metrics.length, saved + 1);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("train --backend auto picks the training threads for the backend auto chose, not for 'auto'", async () => {
  const empty = await Deno.makeTempDir();
  try {
    const { child, stderr } = spawnTrain([
      "--backend",
      "auto",
      "--dataset",
      "cifar10",
      "--offline",
      "--data-dir",
      empty,
      "--cache-dir",
      empty,
      "--out",
      `${empty}/run`,
    ]);
    const err = await stderr;
    assert.equal((await child.status).code, 1, err);
    const [, chosen, threads] = err.match(/^backend: auto chose (\w+).*; (\d+) training threads?$/m) ?? [];
    assert.ok(chosen, `no backend line in: ${err}`);
    assert.equal(Number(threads), defaultWorkers(chosen), err);
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});
