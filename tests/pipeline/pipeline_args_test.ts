import assert from "node:assert/strict";
import { parsePipelineArgs } from "../../lib/cli/pipeline_args.ts";
import { parseStageArgs } from "../../lib/cli/pipeline_stage.ts";
import { UsageError } from "../../lib/cli/usage_error.ts";

Deno.test("parsePipelineArgs() takes the pipeline's flags and hands the rest to the train flags", () => {
  const r = parsePipelineArgs(
    [
      "--stages",
      "3",
      "--split=1,1,1",
      "--float16",
      "--nats",
      "nats://127.0.0.1:4333",
      "--epochs",
      "2",
      "--out",
      "runs/a b",
    ],
    2,
  );
  assert.ok(r !== "help");
  assert.equal(r.stages, 3);
  assert.deepEqual(r.split, [1, 1, 1]);
  assert.equal(r.float16, true);
  assert.equal(r.nats, "nats://127.0.0.1:4333");
  assert.equal(r.train.overrides.epochs, 2);
  assert.equal(r.run, "a-b");
  assert.equal(r.localStages, true);
  const auto = parsePipelineArgs(["--stages", "auto", "--external-stages"], 4);
  assert.ok(auto !== "help");
  assert.equal(auto.stages, 4);
  assert.equal(auto.split, "auto");
  assert.equal(auto.localStages, false);
});

Deno.test("parsePipelineArgs() and parseStageArgs() reject bad values with the flag's name", () => {
  assert.throws(
    () => parsePipelineArgs(["--stages", "2", "--split", "1,1,1"], 2),
    /--split 1,1,1 lists 3 stages/,
  );
  assert.throws(() => parsePipelineArgs(["--stages"], 2), UsageError);
  assert.throws(() => parsePipelineArgs(["--run", "a.b"], 2), /--run must be/);
  assert.throws(() => parseStageArgs(["--stage", "4/3", "--run", "x"]), /--stage must be K\/N/);
  assert.throws(() => parseStageArgs(["--stage", "1/3"]), /--run must be/);
  const stage = parseStageArgs(["--stage", "3/3", "--run", "x", "--backend", "webgpu"]);
  assert.ok(stage !== "help");
  assert.equal(stage.stage, 2);
  assert.equal(stage.dir, "runs/pipeline-x/stage-3");
  assert.equal(stage.backend, "webgpu");
});
