/**
 * Test helper run as a subprocess: trains a tiny network into the run folder given as the first argument,
 * for many epochs, printing "epoch N" after each checkpoint so the parent knows when to kill it.
 * @module
 */
import { quadrantDataset, useCpu } from "../_tf_cpu.ts";
import { resolveConfig } from "../../lib/config/resolve_config.ts";
import { runTraining } from "../../lib/run/run_training.ts";
import { childConfig } from "./_child_config.ts";

await useCpu();
const [runDir, resume] = Deno.args;
const outcome = await runTraining({
  config: resolveConfig("quick", childConfig),
  data: quadrantDataset(256),
  runDir,
  resume: resume === "--resume",
  report: false,
  onEvent: (event) => {
    if (event.type === "checkpoint") console.log(`epoch ${event.epoch}`);
  },
});
outcome.network.dispose();
console.log("done");
