/**
 * `deno task pipeline`: a training run with its blocks split over stage processes (a block pipeline over NATS
 * JetStream). It starts a local nats-server unless given --nats, starts the stage processes unless told they
 * run elsewhere (and starts a crashed one again: it continues from its checkpoint), runs the coordinator, and
 * writes the run folder as `deno task train` does, plus `pipeline.json` (split, busy share per stage, bytes).
 * Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted (resume with --resume).
 * @module
 */
import { loadDataset } from "../../datasets/load_dataset.ts";
import { useBackend } from "../backend/backends.ts";
import { LocalNatsServer } from "../pipeline/local_nats_server.ts";
import { trainPipeline } from "../pipeline/pipeline_training.ts";
import type { PipelineEvent, PipelineReport } from "../pipeline/pipeline_step_engine.ts";
import { writeRunReport } from "../report/run_report.ts";
import { finishRun } from "../report/run_summary.ts";
import { RunFolder } from "../training/run_folder.ts";
import { atomicWrite } from "../util/atomic_write.ts";
import { compact, formatTable, percent } from "./format_table.ts";
import { parsePipelineArgs, PIPELINE_USAGE, type PipelineRequest } from "./pipeline_args.ts";
import { progressView } from "./progress_view.ts";
import { chooseRunConfig, evalBatchSize } from "./run_training.ts";
import { summaryTables } from "./summary_tables.ts";
import { stderr, stdout } from "./terminal_output.ts";
import { UsageError } from "./usage_error.ts";

const STAGE_CLI = new URL("./pipeline_stage.ts", import.meta.url).pathname;
const RESTARTS = 3;

/**
 * The pipeline's measurements as a table.
 *
 * @param report What the run measured.
 * @returns Text.
 */
export function pipelineTable(report: PipelineReport): string {
  const rows = report.stages.map((s) => [
    `${s.stage + 1}`,
    s.blocks[1] - s.blocks[0] > 1 ? `${s.blocks[0] + 1}-${s.blocks[1]}` : `${s.blocks[1]}`,
    `${s.batches}`,
    percent(s.busyShare),
    percent(s.cpuShare),
    `${s.computeSeconds.toFixed(1)}s`,
    `${s.transferSeconds.toFixed(1)}s`,
    `${compact(s.bytesIn)}B`,
    `${compact(s.bytesOut)}B`,
  ]);
  return `${
    formatTable(["stage", "blocks", "batches", "busy", "cpu", "compute", "broker", "in", "out"], rows)
  }\n${report.imagesPerSecond.toFixed(1)} images/s, parallel efficiency ${percent(report.efficiency)}, ` +
    `broker ${compact(report.brokerBytesPerSecond)}B/s, broker share of stage time ${
      percent(report.transferShare)
    }`;
}

/** Starts stage K and starts it again (up to RESTARTS times) when it dies before the run is over. */
function superviseStage(
  request: PipelineRequest,
  url: string,
  k: number,
  stages: number,
  dir: string,
  over: () => boolean,
): { done: Promise<number>; kill: () => void } {
  let child: Deno.ChildProcess | undefined;
  const start = () =>
    new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        "--allow-write",
        "--allow-net",
        "--allow-env",
        "--allow-sys",
        "--allow-ffi",
        STAGE_CLI,
        "--stage",
        `${k + 1}/${stages}`,
        "--run",
        request.run,
        "--nats",
        url,
        "--backend",
        request.train.backend,
        "--dir",
        `${dir}/stage-${k + 1}`,
        "--quiet",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "inherit",
    }).spawn();
  const done = (async () => {
    for (let restarts = 0;; restarts++) {
      child = start();
      const { code } = await child.status;
      if (code === 0 || over() || restarts >= RESTARTS) return code;
      stderr(`stage ${k + 1}/${stages} exited with ${code}; starting it again from its checkpoint\n`);
    }
  })();
  return {
    done,
    kill: () => {
      try {
        child?.kill("SIGINT");
      } catch {
        // already gone
      }
    },
  };
}

function describe(event: PipelineEvent): string {
  if (event.type === "retry") {
    return `broker: ${event.what} failed (${event.message}); retry ${event.attempt}\n`;
  }
  const blocks = event.ranges.map(([a, b]) => b - a > 1 ? `${a + 1}-${b}` : `${b}`).join(" | ");
  const cost = event.blockMs
    ? `; measured ms per block step: ${event.blockMs.map((m) => m.toFixed(1)).join(", ")}`
    : "";
  return `pipeline: blocks per stage ${blocks}${cost}\n`;
}

/**
 * Runs the command.
 *
 * @param args Command-line arguments.
 * @returns The exit code.
 */
export async function main(args: string[]): Promise<number> {
  let request: PipelineRequest | "help";
  try {
    request = parsePipelineArgs(args, navigator.hardwareConcurrency ?? 1);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (request === "help") {
    stdout(PIPELINE_USAGE + "\n");
    return 0;
  }
  const folder = new RunFolder(request.train.out);
  const controller = new AbortController();
  const onSignal = () => {
    stderr("\nInterrupt: stopping; the last epoch's checkpoint is kept.\n");
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSignal);
  let server: LocalNatsServer | undefined;
  const supervised: ReturnType<typeof superviseStage>[] = [];
  let over = false;
  try {
    const train = request.train;
    const config = await chooseRunConfig({ ...train, workers: 1 }, folder);
    const stages = Math.min(request.stages, config.blocks.length);
    const backend = await useBackend(train.backend);
    stderr(`backend: ${backend.description}; ${stages} pipeline stages\n`);
    const data = await loadDataset(config.dataset, {
      dataDir: train.dataDir,
      cacheDir: train.cacheDir,
      offline: train.offline,
      imageSize: train.imageSize,
      signal: controller.signal,
    });
    if (!request.nats) {
      server = await LocalNatsServer.start();
      stderr(`broker: nats-server at ${server.url}\n`);
    }
    const url = request.nats ?? server!.url;
    if (request.localStages) {
      for (let k = 0; k < stages; k++) {
        supervised.push(superviseStage(request, url, k, stages, `${folder.dir}/stages`, () => over));
      }
    } else {
      stderr(
        `start the stages: deno task pipeline:stage --stage K/${stages} --run ${request.run} --nats ${url} (K = 1..${stages})\n`,
      );
    }
    const result = await trainPipeline({
      config,
      data,
      runDir: folder.dir,
      resume: train.resume,
      signal: controller.signal,
      onEvent: progressView(stderr, Deno.stderr.isTerminal()),
      evalBatchSize: evalBatchSize(data.train.height * data.train.width),
      pipeline: {
        url,
        run: request.run,
        stages,
        split: request.split,
        float16: request.float16,
        window: request.window,
        checkpointEvery: request.checkpointEvery,
        stallSeconds: request.stallSeconds,
        onEvent: (event) => stderr(describe(event)),
      },
    });
    over = true;
    try {
      const description = `${backend.description}; ${stages}-stage pipeline`;
      const summary = await finishRun(folder.dir, config, result, description);
      const reportPath = await writeRunReport({
        dir: folder.dir,
        summary,
        metrics: result.metrics,
        classNames: data.classNames,
        test: result.test,
        testImages: data.test,
        normalization: data.normalization,
        network: result.network,
      });
      await atomicWrite(`${folder.dir}/pipeline.json`, JSON.stringify(result.pipeline, null, 2) + "\n");
      stdout(
        `\n${summaryTables(summary)}\n\n${
          pipelineTable(result.pipeline)
        }\nrun folder: ${folder.dir}  (report: ${reportPath})\n`,
      );
    } finally {
      result.network.dispose();
    }
    const codes = await Promise.all(supervised.map((s) => s.done));
    return codes.every((c) => c === 0) ? 0 : 1;
  } catch (error) {
    over = true;
    if (error instanceof UsageError) {
      stderr(`error: ${error.message}\n`);
      return 2;
    }
    if (controller.signal.aborted) {
      stderr(`Stopped. Continue with: deno task pipeline --out ${folder.dir} --resume\n`);
      return 130;
    }
    stderr(`error: ${(error as Error).message}\n`);
    return 1;
  } finally {
    over = true;
    for (const s of supervised) s.kill();
    await Promise.all(supervised.map((s) => s.done));
    await server?.stop();
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
