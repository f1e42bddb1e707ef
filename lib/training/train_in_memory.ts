/**
 * The in-memory trainer: epochs of layer-local steps and evaluation of every block and strategy after each.
 * It touches no file: a {@linkcode TrainingStore} (the run folder of `lib/run`) restores a resumed run and
 * keeps the state after every epoch.
 * @module
 */
import type { DatasetSplits } from "../config/labeled_images.ts";
import type { RunConfig } from "../config/run_config.ts";
import { BatchBuilder } from "../data/batch_builder.ts";
import { runSplits } from "../data/run_splits.ts";
import { AsgeNetwork } from "../model/asge_network.ts";
import { planNetwork } from "../model/network_plan.ts";
import { evaluateNetwork, type Evaluation } from "../prediction/evaluate_network.ts";
import { selectBestBlock } from "../prediction/strategies.ts";
import { SeededRandom } from "../util/seeded_random.ts";
import { BlockOptimizer } from "./block_optimizer.ts";
import type { EpochMetrics } from "./epoch_metrics.ts";
import { learningRateAt } from "./learning_rate.ts";
import type { TrainEvent } from "./train_events.ts";
import { TrainingHealth } from "./training_health.ts";
import { LocalStepEngine } from "./local_step_engine.ts";
import { BackpropStepEngine } from "./backprop_step_engine.ts";
import type { StepEngine } from "./step_engine.ts";

const localEngine: StepEngineFactory = (network, optimizers, config) =>
  Promise.resolve(
    config.training === "backprop"
      ? new BackpropStepEngine(network, optimizers)
      : new LocalStepEngine(network, optimizers),
  );

/** Options of {@linkcode trainInMemory}. */
export interface TrainOptions {
  /** The resolved run config. */
  readonly config: RunConfig;
  /** Training and test images. */
  readonly data: DatasetSplits;
  /** Restores a resumed run and keeps the state after every epoch; omit to keep everything in memory. */
  readonly store?: TrainingStore;
  /** Stops the run between steps (the last epoch's checkpoint stays). */
  readonly signal?: AbortSignal;
  /** Receives progress events. */
  readonly onEvent?: (event: TrainEvent) => void;
  /** Steps between `step` events (default 20). */
  readonly progressEverySteps?: number;
  /** Images per evaluation pass (default 500). */
  readonly evalBatchSize?: number;
  /** Where steps run (default: this thread). `lib/parallel` makes engines that use worker threads. */
  readonly engine?: StepEngineFactory;
}

/**
 * Where a run's state lives between epochs (`lib/run`'s run folder implements it with checkpoint files).
 * The trainer calls `restore` once before training and `save` after every epoch whose numbers are finite.
 */
export interface TrainingStore {
  /**
   * Loads the saved state into the fresh network and optimizers.
   * @returns The metrics of the epochs it holds (empty: start from epoch 1).
   */
  restore(network: AsgeNetwork, optimizers: readonly BlockOptimizer[]): Promise<readonly EpochMetrics[]>;
  /** Keeps the state after an epoch; `metrics` holds every epoch so far. */
  save(
    network: AsgeNetwork,
    optimizers: readonly BlockOptimizer[],
    metrics: readonly EpochMetrics[],
  ): Promise<void>;
}

/** Makes the step engine for a run, given the trainer's network and optimizers (already resumed if asked). */
export type StepEngineFactory = (
  network: AsgeNetwork,
  optimizers: readonly BlockOptimizer[],
  config: RunConfig,
) => Promise<StepEngine>;

/** What a finished run returns; the caller disposes `network`. */
export interface TrainResult {
  /** The trained network. */
  readonly network: AsgeNetwork;
  /** One record per epoch (those of earlier sessions included when resumed). */
  readonly metrics: EpochMetrics[];
  /** Block Best uses. */
  readonly bestBlock: number;
  /** Final evaluation on the validation split (count 0 when there is none). */
  readonly validation: Evaluation;
  /** Final evaluation on the test split. */
  readonly test: Evaluation;
}

/**
 * Trains an ASGE network: every step trains each block on its own local loss, with its own optimizer, on the
 * detached output of the block before it. After each epoch every block and strategy is evaluated on the
 * validation split (model selection) and the test split (reporting), and the store (if any) keeps the state.
 * A loss or goodness that is NaN or infinite stops the run with a {@linkcode NonFiniteError} before that
 * epoch reaches the store; one far above chance and growing raises a `warning` event first.
 *
 * @param options Config, data, store and callbacks.
 * @returns The trained network, metrics and final evaluations.
 * @throws NonFiniteError when a block's loss or goodness is no longer finite; the signal's reason when stopped.
 */
export async function trainInMemory(options: TrainOptions): Promise<TrainResult> {
  const { config, signal } = options;
  const emit = options.onEvent ?? (() => {});
  const { train, split, test } = runSplits(config, options.data);
  const { normalization } = options.data;
  const trainBuilder = new BatchBuilder(train, normalization, config.augment, config.inputNormalization);
  const testBuilder = new BatchBuilder(test, normalization, config.augment, config.inputNormalization);
  const testIndices = Int32Array.from({ length: test.count }, (_, i) => i);
  const inputShape = [train.height, train.width, train.channels] as const;
  const plan = planNetwork(config.blocks, config.encoding, inputShape, train.numClasses);
  const backprop = config.training === "backprop";
  const network = new AsgeNetwork(plan, config.encoding, config.seed, backprop);
  const optimizers = network.blocks.map((b) => new BlockOptimizer(config.optimizer, b.variables));
  const metrics: EpochMetrics[] = [];
  const health = new TrainingHealth(train.numClasses);
  const stepsPerEpoch = Math.ceil(split.train.length / config.batchSize);
  const blocks = network.blocks.length;
  let engine: StepEngine | undefined;
  try {
    if (options.store) metrics.push(...await options.store.restore(network, optimizers));
    emit({
      type: "start",
      config,
      plan,
      images: { train: split.train.length, validation: split.validation.length, test: test.count },
      stepsPerEpoch,
      startEpoch: metrics.length,
    });
    // The worker engine computes local gradients; the baseline's end-to-end gradient runs in this thread.
    engine = await (backprop ? localEngine : options.engine ?? localEngine)(network, optimizers, config);
    const runStart = performance.now();
    let stepsDone = 0;
    let evaluated: Awaited<ReturnType<typeof evaluateSplits>> | undefined;
    for (let epoch = metrics.length + 1; epoch <= config.epochs; epoch++) {
      const order = new SeededRandom(config.seed * 1000003 + epoch).shuffle(split.train.slice());
      const augmentRandom = new SeededRandom(config.seed * 7919 + epoch);
      const lossSum = new Array(blocks).fill(0);
      const correct = new Array(blocks).fill(0);
      const gather = async () => {
        const stats = await engine!.takeStats();
        stats.lossSum.forEach((v, l) => lossSum[l] += v);
        stats.correct.forEach((v, l) => correct[l] += v);
      };
      let learningRate = 0;
      let checkedUpTo = 0;
      const epochStart = performance.now();
      for (let step = 0; step < stepsPerEpoch; step++) {
        signal?.throwIfAborted();
        const globalStep = (epoch - 1) * stepsPerEpoch + step;
        learningRate = learningRateAt(config.optimizer, globalStep, stepsPerEpoch, config.epochs);
        const batch = trainBuilder.build(
          order.subarray(step * config.batchSize, (step + 1) * config.batchSize),
          augmentRandom,
        );
        await engine.step(batch, learningRate);
        stepsDone++;
        if ((step + 1) % (options.progressEverySteps ?? 20) === 0 || step === stepsPerEpoch - 1) {
          await gather();
          const seen = Math.min((step + 1) * config.batchSize, split.train.length);
          const blockLoss = lossSum.map((s) => s / seen);
          const at = { epoch, step: step + 1, sinceStep: checkedUpTo + 1, learningRate };
          for (const w of health.checkLosses(blockLoss, at)) emit({ type: "warning", epoch, ...w });
          checkedUpTo = step + 1;
          const elapsed = (performance.now() - epochStart) / 1000;
          const perStep = (performance.now() - runStart) / 1000 / stepsDone;
          emit({
            type: "step",
            epoch,
            step: step + 1,
            stepsPerEpoch,
            blockLoss,
            imagesPerSecond: seen / elapsed,
            etaSeconds: perStep * ((config.epochs - epoch + 1) * stepsPerEpoch - step - 1),
            learningRate,
          });
        }
      }
      await engine.syncTo(network, optimizers);
      const trainSeconds = (performance.now() - epochStart) / 1000;
      const trainLoss = lossSum.map((s) => s / split.train.length);
      const trainAccuracy = correct.map((s) => s / split.train.length);
      const evalStart = performance.now();
      evaluated = await evaluateSplits(
        network,
        config,
        trainBuilder,
        split.validation,
        testBuilder,
        testIndices,
        {
          epoch,
          emit,
          signal,
          batchSize: options.evalBatchSize ?? 500,
        },
      );
      const { validation, test: tested, bestBlock } = evaluated;
      const record: EpochMetrics = {
        epoch,
        blocks: network.blocks.map((_, l) => ({
          trainLoss: trainLoss[l],
          trainAccuracy: trainAccuracy[l],
          validationAccuracy: validation.blockAccuracy[l] ?? NaN,
          testAccuracy: tested.blockAccuracy[l],
          meanGoodness: tested.meanGoodness[l],
        })),
        testAccuracy: {
          last: tested.blockAccuracy[blocks - 1],
          fusion: tested.fusionAccuracy,
          best: tested.blockAccuracy[bestBlock],
        },
        validationAccuracy: {
          last: validation.blockAccuracy[blocks - 1],
          fusion: validation.fusionAccuracy,
          best: validation.blockAccuracy[bestBlock],
        },
        bestBlock,
        learningRate,
        imagesPerSecond: split.train.length / trainSeconds,
        trainSeconds,
        evalSeconds: (performance.now() - evalStart) / 1000,
      };
      const goodnessAt = { epoch, step: stepsPerEpoch, learningRate };
      for (const w of health.checkGoodness(tested.meanGoodness, goodnessAt)) {
        emit({ type: "warning", epoch, ...w });
      }
      metrics.push(record);
      emit({ type: "epoch", metrics: record });
      await options.store?.save(network, optimizers, metrics);
    }
    // A run resumed after its last epoch trained nothing now: evaluate the restored network once.
    evaluated ??= await evaluateSplits(
      network,
      config,
      trainBuilder,
      split.validation,
      testBuilder,
      testIndices,
      {
        epoch: config.epochs,
        emit,
        signal,
        batchSize: options.evalBatchSize ?? 500,
      },
    );
    return { network, metrics, ...evaluated };
  } catch (error) {
    network.dispose();
    throw error;
  } finally {
    engine?.dispose();
    for (const o of optimizers) o.dispose();
  }
}

interface EvaluateContext {
  epoch: number;
  emit: (event: TrainEvent) => void;
  signal?: AbortSignal;
  batchSize: number;
  engine?: StepEngine;
}

/** Validation first (it picks Best's block and Fusion's weights), then test. */
async function evaluateSplits(
  network: AsgeNetwork,
  config: RunConfig,
  trainBuilder: BatchBuilder,
  validationIndices: Int32Array,
  testBuilder: BatchBuilder,
  testIndices: Int32Array,
  context: EvaluateContext,
): Promise<{ validation: Evaluation; test: Evaluation; bestBlock: number }> {
  const common = {
    batchSize: context.batchSize,
    fusion: config.encoding.fusion,
    signal: context.signal,
    scorer: context.engine?.scorer,
    concurrency: context.engine?.scoreConcurrency,
  };
  context.emit({
    type: "evaluate",
    epoch: context.epoch,
    split: "validation",
    images: validationIndices.length,
  });
  const validation = await evaluateNetwork(network, trainBuilder, validationIndices, common);
  const hasValidation = validation.count > 0;
  const bestBlock = hasValidation ? selectBestBlock(validation.blockAccuracy) : network.blocks.length - 1;
  context.emit({ type: "evaluate", epoch: context.epoch, split: "test", images: testIndices.length });
  const test = await evaluateNetwork(network, testBuilder, testIndices, {
    ...common,
    classLogits: true,
    fusionWeights: hasValidation ? validation.blockAccuracy : undefined,
  });
  return { validation, test, bestBlock };
}
