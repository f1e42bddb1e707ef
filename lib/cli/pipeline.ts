/**
 * `deno task pipeline`: a training run with its blocks split over stage processes (a block pipeline over NATS
 * JetStream). It starts a local nats-server unless given --nats, starts the stage processes unless told they
 * run elsewhere (and starts a crashed one again: it continues from its checkpoint), runs the coordinator, and
 * writes the run folder as `deno task train` does; it ends with the summary and a table of the stages (busy
 * share, CPU share, bytes). Exit codes: 0 done, 1 the run failed, 2 bad arguments, 130 interrupted.
 * @module
 */
import type { BackendName } from "../backend/backends.ts";
import { LocalNatsServer } from "../pipeline/local_nats_server.ts";
import {
  PipelineCoordinator,
  type PipelineEvent,
  type PipelineReport,
} from "../pipeline/pipeline_step_engine.ts";
import { formatPercent, formatSi, textTable } from "../util/text_format.ts";
import { chooseRunConfig } from "../run/choose_run_config.ts";
import { runFromCli } from "./cli_run.ts";
import { type Command, runCommand } from "./command.ts";
import { parsePipelineArgs, PIPELINE_FLAGS, PIPELINE_USAGE, type PipelineRequest } from "./pipeline_args.ts";
import { summaryTables } from "./summary_tables.ts";
import { stderr, stdout } from "./terminal_output.ts";
import { TRAIN_FLAGS } from "./train_args.ts";

const STAGE_CLI = new URL("./pipeline_stage.ts", import.meta.url).pathname;
const RESTARTS = 3;

/**
 * The pipeline's measurements as a table.
 *
 * @param report What the run measured.
 * @returns Text.
 */
export function pipelineTable(report: PipelineReport): string {
  const blocks = ([a, b]: readonly [number, number]) => b - a > 1 ? `${a + 1}-${b}` : `${b}`;
  const rows = report.stages.map((s) => [
    `${s.stage + 1}`,
    blocks(s.blocks),
    `${s.batches}`,
    formatPercent(s.busyShare),
    formatPercent(s.cpuShare),
    `${s.computeSeconds.toFixed(1)}s`,
    `${s.transferSeconds.toFixed(1)}s`,
    `${formatSi(s.bytesIn)}B`,
    `${formatSi(s.bytesOut)}B`,
  ]);
  return `${
    textTable(["stage", "blocks", "batches", "busy", "cpu", "compute", "broker", "in", "out"], rows)
  }\n` +
    `${report.imagesPerSecond.toFixed(1)} images/s, parallel efficiency ${
      formatPercent(report.efficiency)
    }, ` +
    `broker ${formatSi(report.brokerBytesPerSecond)}B/s, broker share of stage time ${
      formatPercent(report.transferShare)
    }`;
}

/** Starts stage K, and again (up to RESTARTS times) when it dies before the run is over. */
function superviseStage(
  request: PipelineRequest,
  backend: BackendName,
  url: string,
  k: number,
  stages: number,
  over: () => boolean,
): { done: Promise<number>; stop: () => void } {
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
        ...["--stage", `${k + 1}/${stages}`, "--run", request.run, "--nats", url, "--backend", backend],
        ...["--dir", `${request.train.out}/stages/stage-${k + 1}`, "--quiet"],
      ],
      // Stages that share this machine share its cores: oneDNN gets a fair part of them per stage.
      env: {
        ASGE_ONEDNN_THREADS: String(Math.max(1, Math.floor((navigator.hardwareConcurrency ?? 1) / stages))),
      },
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
    stop: () => {
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

const pipeline: Command<PipelineRequest> = {
  usage: PIPELINE_USAGE,
  flags: [...PIPELINE_FLAGS, ...TRAIN_FLAGS],
  parse: (args) => parsePipelineArgs(args, navigator.hardwareConcurrency ?? 1),
  interruptNotice: "Interrupt: stopping the run and its stages; the last epoch's checkpoint is kept.",
  stopped: (request) => `Stopped. Continue with: deno task pipeline --out ${request.train.out} --resume`,
  async run(asked, signal) {
    let request = asked;
    if (request.stagesAuto) {
      const config = await chooseRunConfig({ ...request.train, runDir: request.train.out });
      request = { ...request, stages: Math.min(request.stages, config.blocks.length) };
    }
    let server: LocalNatsServer | undefined;
    const supervised: ReturnType<typeof superviseStage>[] = [];
    let over = false;
    let coordinator: PipelineCoordinator | undefined;
    try {
      if (!request.nats) {
        server = await LocalNatsServer.start();
        stderr(`broker: nats-server at ${server.url}\n`);
      }
      const url = request.nats ?? server!.url;
      const outcome = await runFromCli(request.train, {
        write: stderr,
        interactive: Deno.stderr.isTerminal(),
        signal,
        progressEverySteps: 100,
        engine: (backend) => {
          const factory = new PipelineCoordinator({
            url,
            run: request.run,
            stages: request.stages,
            split: request.split,
            float16: request.float16,
            window: request.window,
            checkpointEvery: request.checkpointEvery,
            stallSeconds: request.stallSeconds,
            signal,
            onEvent: (event) => stderr(describe(event)),
          });
          coordinator = factory;
          if (request.localStages) {
            for (let k = 0; k < request.stages; k++) {
              supervised.push(superviseStage(request, backend, url, k, request.stages, () => over));
            }
          } else {
            stderr(
              `start the stages: deno task pipeline:stage --stage K/${request.stages} --run ${request.run} ` +
                `--nats ${url} (K = 1..${request.stages})\n`,
            );
          }
          return { factory: factory.factory, description: `${request.stages}-stage pipeline over ${url}` };
        },
      });
      const report = coordinator!.report();
      await coordinator!.close();
      over = true;
      stdout(
        `\n${summaryTables(outcome.summary)}\n\n${pipelineTable(report)}\n` +
          `run folder: ${request.train.out}  (report: ${outcome.reportPath})\n`,
      );
      const codes = await Promise.all(supervised.map((s) => s.done));
      if (codes.some((c) => c !== 0)) throw new Error(`stage exit codes ${codes.join(", ")}`);
    } finally {
      over = true;
      await coordinator?.close().catch(() => {});
      for (const s of supervised) s.stop();
      await Promise.all(supervised.map((s) => s.done));
      await server?.stop();
    }
  },
};

/**
 * Runs the command.
 *
 * @param args Command-line arguments.
 * @returns The exit code.
 */
export function main(args: readonly string[]): Promise<number> {
  return runCommand(pipeline, args);
}

if (import.meta.main) Deno.exit(await main(Deno.args));
