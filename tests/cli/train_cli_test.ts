import assert from "node:assert/strict";
import { main } from "../../lib/cli/train.ts";
import { main as evalMain } from "../../lib/cli/eval.ts";
import { RUN_FILES } from "../../lib/run/run_folder.ts";
import { statIfExists } from "../../lib/util/file_exists.ts";

const hasFashionMnist = (await statIfExists("/usr/share/datasets/fashion-mnist")) !== undefined;

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
