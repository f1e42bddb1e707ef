import assert from "node:assert/strict";
import { useCpu } from "../_tf_cpu.ts";
import { DEFAULT_ENCODING, PRESETS } from "../../lib/config/presets.ts";
import { AsgeNetwork } from "../../lib/model/asge_network.ts";
import { weightArrays } from "../../lib/model/model_file.ts";
import { planNetwork } from "../../lib/model/network_plan.ts";
import type { StageJob } from "../../lib/pipeline/pipeline_messages.ts";
import { StageState } from "../../lib/pipeline/stage_state.ts";

await useCpu();

const plan = planNetwork(
  [{ channels: 4, kernelSize: 3, pool: 2, convs: 2 }, { channels: 6, kernelSize: 3, pool: 1, convs: 2 }],
  DEFAULT_ENCODING,
  [8, 8, 1],
  4,
);
const job: StageJob = {
  plan,
  encoding: DEFAULT_ENCODING,
  optimizer: PRESETS.quick.optimizer,
  seed: 3,
  ranges: [[0, 1], [1, 2]],
  float16: false,
  checkpointEvery: 1,
};

Deno.test("StageState saves, checkpoints and loads the inner convs of convs 2 blocks and their optimizer state", async () => {
  const dir = await Deno.makeTempDir();
  const states: StageState[] = [];
  try {
    // init arrays as the coordinator sends them: weights of every block, zero optimizer slots
    const network = new AsgeNetwork(plan, DEFAULT_ENCODING, 3);
    const init = weightArrays(await network.readWeights());
    network.blocks.forEach((b, l) =>
      b.variables.forEach((v, i) =>
        [0, 1].forEach((s) => init.set(`opt${l}.${i}.${s}`, new Float32Array(v.size)))
      )
    );
    network.dispose();
    const stage = new StageState(job, 1, "s", 1);
    states.push(stage);
    stage.load(init, [0, 0]);
    const x = new Float32Array(4 * 4 * 4 * 4).map((_, i) => Math.sin(i));
    await stage.train(x, new Int32Array([0, 1, 2, 3]), 1e-2);
    const { arrays, optimizerSteps } = await stage.save();
    assert.deepEqual(optimizerSteps, [0, 1]);
    const inner = arrays.get("block1.conv1.kernel")!;
    assert.ok(
      inner.some((v, i) => v !== init.get("block1.conv1.kernel")![i]),
      "the inner conv did not train",
    );
    assert.equal(arrays.has("opt1.3.1"), true, "optimizer slots of the inner conv's bias");
    await stage.writeCheckpoint(`${dir}/stage.ckpt`);
    const restored = (await StageState.readCheckpoint(`${dir}/stage.ckpt`, 1))!;
    states.push(restored);
    assert.deepEqual((await restored.save()).arrays, arrays);
    // a frame without the inner conv is refused by name
    const lacking = new Map(arrays);
    lacking.delete("block1.conv1.bias");
    const fresh = new StageState(job, 1, "s", 1);
    states.push(fresh);
    assert.throws(() => fresh.load(lacking, [0, 0]), /lacks "block1\.conv1\.bias"/);
  } finally {
    states.forEach((s) => s.dispose());
    await Deno.remove(dir, { recursive: true });
  }
});
