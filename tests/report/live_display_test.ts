import assert from "node:assert/strict";
import { type DisplayTarget, LiveDisplay, type MimeBundle } from "../../lib/report/live_display.ts";
import { NotebookOutput } from "../../lib/report/notebook_output.ts";

Deno.test("LiveDisplay draws in call order even when the sink is slow and the caller does not await", async () => {
  const drawn: [string, DisplayTarget | undefined][] = [];
  // The first draw takes longest: without the queue its update would overtake it.
  const delays = [30, 0, 10];
  const live = new LiveDisplay(async (bundle, target) => {
    await new Promise((resolve) => setTimeout(resolve, delays.shift() ?? 0));
    drawn.push([String(bundle["text/plain"]), target]);
  }, "id");
  for (const text of ["a", "b", "c"]) void live.draw({ "text/plain": text });
  await live.flush();
  assert.deepEqual(drawn.map(([text]) => text), ["a", "b", "c"]);
  assert.deepEqual(drawn.map(([, t]) => t?.update), [false, true, true]);
});

Deno.test("LiveDisplay goes on drawing after a failed draw, and reports that draw's error", async () => {
  let calls = 0;
  const live = new LiveDisplay(() => {
    if (calls++ === 0) throw new Error("kernel busy");
  });
  await assert.rejects(live.draw({ "text/plain": "a" }), /kernel busy/);
  await live.draw({ "text/plain": "b" });
  assert.equal(calls, 2);
});

Deno.test("NotebookOutput.progress() draws at once and closes with the finishing message", async () => {
  const shown: [MimeBundle, DisplayTarget | undefined][] = [];
  const out = new NotebookOutput((bundle, target) => shown.push([bundle, target]));
  const progress = out.progress();
  await progress.finish("done: 0 epochs");
  assert.equal(shown.length, 2);
  assert.equal(shown[0][1]?.update, false);
  assert.equal(shown[1][1]?.update, true);
  assert.equal(shown[0][1]?.display_id, shown[1][1]?.display_id);
  assert.match(String(shown[1][0]["text/html"]), /class="asge-progress"[\s\S]*done: 0 epochs/);
});
