import assert from "node:assert/strict";
import { main } from "../../lib/cli/pipeline.ts";
import { NATS_SERVER, SKIP_REASON } from "./_pipeline_fixture.ts";

const hasFashionMnist = await Deno.stat("/usr/share/datasets/fashion-mnist").then(() => true, () => false);
const CLI = new URL("../../lib/cli/pipeline.ts", import.meta.url).pathname;

Deno.test("pipeline main() exits 2 with the flag's name on a split that does not fit --stages", async () => {
  const err: string[] = [];
  const write = Deno.stderr.writeSync;
  Deno.stderr.writeSync = (p: Uint8Array) => (err.push(new TextDecoder().decode(p)), p.length);
  try {
    assert.equal(await main(["--stages", "2", "--split", "1,1,1"]), 2);
  } finally {
    Deno.stderr.writeSync = write;
  }
  assert.match(err.join(""), /--split 1,1,1 lists 3 stages but --stages is 2/);
});

Deno.test({
  name: "deno task pipeline starts a broker and 2 stage processes and writes the run folder" +
    (SKIP_REASON || (hasFashionMnist ? "" : " (skipped: Debian's dataset-fashion-mnist is not installed)")),
  ignore: !NATS_SERVER || !hasFashionMnist,
  async fn() {
    const out = await Deno.makeTempDir();
    try {
      const result = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          CLI,
          ...["--stages", "2", "--split", "even", "--dataset", "fashion-mnist", "--limit", "240"],
          ...["--epochs", "1", "--backend", "wasm", "--offline", "--out", `${out}/run`],
        ],
        stdin: "null",
      }).output();
      const [stdout, stderr] = [result.stdout, result.stderr].map((b) => new TextDecoder().decode(b));
      assert.equal(result.code, 0, `${stdout}\n${stderr}`);
      assert.match(stderr, /broker: nats-server at nats:\/\/127\.0\.0\.1:\d+/);
      assert.match(stdout, /stage\s+blocks\s+batches\s+busy/);
      assert.match(stdout, /parallel efficiency/);
      const summary = JSON.parse(await Deno.readTextFile(`${out}/run/summary.json`));
      assert.match(JSON.stringify(summary), /2-stage pipeline/);
      for (const file of ["config.json", "metrics.jsonl", "checkpoint.asge", "model.asge", "report.html"]) {
        await Deno.stat(`${out}/run/${file}`);
      }
      await Deno.stat(`${out}/run/stages/stage-1/stage-1.asge`);
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
