import assert from "node:assert/strict";
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import { RunFolderError } from "../../lib/run/run_error.ts";
import { RUN_FILES } from "../../lib/run/run_folder.ts";
import { RunLock } from "../../lib/run/run_lock.ts";
import { runTraining } from "../../lib/run/run_training.ts";
import { childConfig } from "./_child_config.ts";

await useCpu();

/** Starts `_child_run.ts` on `dir` and resolves once it has written `epochs` checkpoints. */
async function startChild(
  dir: string,
  epochs: number,
): Promise<{ child: Deno.ChildProcess; lines: string[] }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL("./_child_run.ts", import.meta.url).pathname, dir],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const lines: string[] = [];
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  while (!lines.includes(`epoch ${epochs}`)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the child run ended early: ${lines.join(", ")}`);
    buffered += value;
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    lines.push(...parts);
  }
  reader.releaseLock();
  return { child, lines };
}

Deno.test("RunLock: a run in another process holds the folder; once it is killed with SIGKILL the next run takes it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { child } = await startChild(dir, 2);
    const refused = await RunLock.acquire(dir).then((lock) => (lock.release(), undefined), (e) => e);
    assert.ok(refused instanceof RunFolderError, `the lock was free while the child ran: ${refused}`);
    assert.equal(refused.problem, "busy");
    assert.match(refused.message, new RegExp(`in use by another run \\(pid ${child.pid}, since `));
    child.kill("SIGKILL");
    const status = await child.status;
    assert.equal(status.signal, "SIGKILL");
    await child.stdout.cancel().catch(() => {});
    // The folder is not stuck: a resumed run takes the lock and continues from the child's last checkpoint.
    const saved = (await Deno.readTextFile(`${dir}/${RUN_FILES.metrics}`)).trim().split("\n").length;
    assert.ok(saved >= 2);
    let startEpoch = -1;
    const resumed = await runTraining({
      config: resolveConfig("quick", { ...childConfig, epochs: saved + 1 }),
      data: quadrantDataset(256),
      runDir: dir,
      resume: true,
      report: false,
      onEvent: (e) => {
        if (e.type === "start") startEpoch = e.startEpoch;
      },
    });
    resumed.network.dispose();
    // metrics.jsonl is written just before the checkpoint: a kill between the two leaves one epoch more there.
    assert.ok(
      startEpoch === saved || startEpoch === saved - 1,
      `resumed after ${startEpoch} of ${saved} epochs`,
    );
    assert.equal(resumed.metrics.length, saved + 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("RunLock.acquire() refuses a second holder in the same process and frees the folder on release", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await RunLock.acquire(dir);
    await assert.rejects(RunLock.acquire(dir), (e) => e instanceof RunFolderError && e.problem === "busy");
    first.release();
    (await RunLock.acquire(dir)).release();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
