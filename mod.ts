/**
 * asge: convolutional networks trained with Adaptive Spatial Goodness Encoding (ASGE, arXiv 2509.12394), with
 * no backpropagation between blocks. Each block learns from its own local loss on the spatial goodness of its
 * feature map through a frozen random projection; the next block receives a detached copy of its output.
 *
 * Importing this module has no side effects: it loads `@tensorflow/tfjs-core` only, and chooses no backend and
 * registers no backend, kernel or gradient until you call {@linkcode useBackend}
 * (`tests/mod_side_effects_test.ts` checks it in a fresh process). A network made before that throws
 * {@linkcode NoBackendError}.
 *
 * @example Train a tiny network on a toy problem
 * ```ts
 * import assert from "node:assert/strict";
 * import { planNetwork, resolveConfig, trainInMemory, useBackend } from "./mod.ts";
 *
 * await useBackend("cpu");
 * // 4 classes: which horizontal band of an 8x8 image is bright
 * const count = 64, side = 8;
 * const images = new Uint8Array(count * side * side), labels = new Uint8Array(count);
 * for (let i = 0; i < count; i++) {
 *   labels[i] = i % 4;
 *   for (let p = 0; p < side * side; p++) images[i * side * side + p] = Math.floor(p / 16) === i % 4 ? 220 : 20;
 * }
 * const split = { images, labels, count, height: side, width: side, channels: 1, numClasses: 4 };
 * const config = resolveConfig("quick", {
 *   dataset: "bands",
 *   blocks: [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
 *   epochs: 1,
 *   batchSize: 16,
 * });
 * // alpha = 1: P = 8 / 4 = 2 for the first block, 1 for the last
 * assert.deepEqual(planNetwork(config.blocks, config.encoding, [8, 8, 1], 4).blocks.map((b) => b.partition), [2, 1]);
 * const result = await trainInMemory({
 *   config,
 *   data: { name: "bands", train: split, test: split, normalization: { mean: [0.3], std: [0.4] },
 *     classNames: ["0", "1", "2", "3"] },
 * });
 * const { fusion } = result.metrics[0].testAccuracy;
 * assert.ok(fusion >= 0 && fusion <= 1, `fusion accuracy ${fusion}`);
 * result.network.dispose();
 * ```
 *
 * @example A whole run into a run folder, as `deno task train` does it
 * ```ts
 * import assert from "node:assert/strict";
 * import { RUN_FILES, resolveConfig, runTraining, syntheticDataset, useBackend } from "./mod.ts";
 *
 * const backend = await useBackend("cpu");
 * const data = syntheticDataset({ height: 8, width: 8, channels: 1, numClasses: 4, trainCount: 96, testCount: 24 });
 * const config = resolveConfig("quick", {
 *   dataset: "synthetic",
 *   blocks: [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
 *   epochs: 1,
 *   batchSize: 16,
 * });
 * const runDir = await Deno.makeTempDir();
 * const outcome = await runTraining({ config, data, runDir, backend: backend.description });
 * outcome.network.dispose();
 * for (const name of Object.values(RUN_FILES)) {
 *   assert.ok((await Deno.stat(`${runDir}/${name}`)).isFile, `${name} is written`);
 * }
 * await Deno.remove(runDir, { recursive: true });
 * ```
 * @module
 */

// backend: chosen at run time, loaded lazily
export {
  BACKEND_NAMES,
  type BackendInfo,
  type BackendName,
  type BackendProbe,
  probeBackends,
  useBackend,
} from "./lib/backend/backends.ts";
export { BackendUnavailableError } from "./lib/backend/backend_unavailable_error.ts";
export {
  measureOnednnPeak,
  type OnednnPeak,
  type PeakConvResult,
  type PeakConvShape,
  type PeakOptions,
} from "./lib/backend/onednn/measure_onednn_peak.ts";

// util
export { SeededRandom } from "./lib/util/seeded_random.ts";
export { atomicWrite } from "./lib/util/atomic_write.ts";

// config: run configs, presets, the paper's numbers
export type {
  AugmentConfig,
  BlockPlan,
  EncodingConfig,
  FusionMode,
  GoodnessReduction,
  GoodnessSite,
  InputNormalization,
  OptimizerConfig,
  OptimizerKind,
  PathNorm,
  PoolKind,
  RunConfig,
  ScheduleKind,
  TrainingMode,
} from "./lib/config/run_config.ts";
export type { DatasetSplits, LabeledImages, Normalization } from "./lib/config/labeled_images.ts";
export { DEFAULT_ENCODING, PRESET_NAMES, PRESETS } from "./lib/config/presets.ts";
export { type ConfigOverrides, resolveConfig, validateConfig } from "./lib/config/resolve_config.ts";
export { PAPER_RESULTS, type PaperResult } from "./lib/config/paper_results.ts";
export {
  type Reproduction,
  REPRODUCTION_DATASETS,
  type ReproductionDataset,
  REPRODUCTIONS,
} from "./lib/config/reproductions.ts";

// data: batches, validation split
export { BatchBuilder, type HostBatch } from "./lib/data/batch_builder.ts";
export { splitValidation, type TrainValidationIndices } from "./lib/data/validation_split.ts";
export { limitImages } from "./lib/data/limit_images.ts";
export { selectImages } from "./lib/data/select_images.ts";

// model: the block, its encoding, the network
export { partitionFactor } from "./lib/model/partition_factor.ts";
export { patchGoodness } from "./lib/model/patch_goodness.ts";
export { rmsPool } from "./lib/model/rms_pool.ts";
export { channelLayerNorm } from "./lib/model/channel_layer_norm.ts";
export { stopGradient } from "./lib/model/stop_gradient.ts";
export { drawProjection, type ProjectionValues } from "./lib/model/frozen_projection.ts";
export { type BlockShape, type NetworkPlan, planNetwork } from "./lib/model/network_plan.ts";
export { AsgeBlock, type BlockOutputs, type BlockWeights } from "./lib/model/asge_block.ts";
export { NoBackendError, requireBackend } from "./lib/model/require_backend.ts";
export { AsgeNetwork, type NetworkOutputs, type NetworkWeights } from "./lib/model/asge_network.ts";
export { encodeNetwork, loadNetwork, type ModelHeader, saveNetwork } from "./lib/model/model_file.ts";

// prediction: Last, Fusion, Best
export { fuseLogits, selectBestBlock } from "./lib/prediction/strategies.ts";
export { evaluateNetwork, type EvaluateOptions, type Evaluation } from "./lib/prediction/evaluate_network.ts";
export type { StrategyName, StrategySummary } from "./lib/prediction/strategy_summary.ts";
export { type StrategyCost, strategyCost } from "./lib/prediction/strategy_costs.ts";
export { STRATEGY_NAMES, summarizeStrategies } from "./lib/prediction/summarize_strategies.ts";
export { truncateNetwork } from "./lib/prediction/truncate_network.ts";
export {
  type BatchScorer,
  type BatchScores,
  scoreBatch,
  type ScoreOptions,
} from "./lib/prediction/score_batch.ts";
export { confusionCounts, mostConfusedClasses } from "./lib/prediction/confusion_counts.ts";

// training: local loss, per-block optimizers, runs
export { localLoss } from "./lib/training/local_loss.ts";
export { learningRateAt } from "./lib/training/learning_rate.ts";
export { BlockOptimizer, type OptimizerState } from "./lib/training/block_optimizer.ts";
export { type BlockStepResult, trainBlockStep } from "./lib/training/block_step.ts";
export type { BlockEpochMetrics, EpochMetrics, StrategyAccuracy } from "./lib/training/epoch_metrics.ts";
export type {
  CheckpointEvent,
  EpochEvent,
  EvaluateEvent,
  StartEvent,
  StepEvent,
  TrainEvent,
  WarningEvent,
} from "./lib/training/train_events.ts";
export {
  type StepEngineFactory,
  type TrainingStore,
  trainInMemory,
  type TrainOptions,
  type TrainResult,
} from "./lib/training/train_in_memory.ts";
export { type CheckpointHeader, encodeCheckpoint, restoreCheckpoint } from "./lib/training/checkpoint.ts";
export {
  DIVERGING_LOSS_FACTOR,
  EXPLODING_GOODNESS_FACTOR,
  type HealthWarning,
  NonFiniteError,
  TrainingHealth,
} from "./lib/training/training_health.ts";
export type { StepEngine, StepStats } from "./lib/training/step_engine.ts";
export { LocalStepEngine } from "./lib/training/local_step_engine.ts";

// parallel: data-parallel training on worker threads (one tfjs wasm instance uses one core)
export { workerEngine, WorkerStepEngine } from "./lib/parallel/worker_step_engine.ts";

// report: Plotly figures, notebook display, HTML reports, results tables
export type { PlotlyFigure, PlotlyTrace } from "./lib/report/plotly_figure.ts";
export {
  blockAccuracyChart,
  blockGoodnessChart,
  blockLossChart,
  type EpochChartOptions,
  strategyAccuracyChart,
} from "./lib/report/epoch_charts.ts";
export {
  strategyTradeoffChart,
  strategyTradeoffPanel,
  type TradeoffCost,
} from "./lib/report/strategy_tradeoff_chart.ts";
export { confusionMatrixChart, type ConfusionMatrixInput } from "./lib/report/confusion_matrix_chart.ts";
export {
  classGoodnessChart,
  type ClassGoodnessInput,
  classLogitHeatmapChart,
  type ClassSeparation,
  classSeparation,
  type MeanLogits,
} from "./lib/report/class_goodness_chart.ts";
export {
  patchGoodnessChart,
  type PatchGoodnessImage,
  type PatchGoodnessInput,
} from "./lib/report/patch_goodness_chart.ts";
export { sampleImagesChart, type SampleImagesInput } from "./lib/report/sample_images_chart.ts";
export { plotlyBundle } from "./lib/report/plotly_bundle.ts";
export {
  type PlotlyMimeBundle,
  plotlyMimeBundle,
  type PlotlyMimeBundleOptions,
  resetPlotlyLibraryEmitted,
} from "./lib/report/plotly_mime_bundle.ts";
export { type ReportChart, type ReportChartData, reportCharts } from "./lib/report/report_charts.ts";
export { type HtmlReportInput, renderHtmlReport, writeHtmlReport } from "./lib/report/html_report.ts";
export {
  type BlockResult,
  type PaperReference,
  type ResultsTable,
  resultsTable,
  type ResultsTableCells,
  resultsTableCells,
  type ResultsTableInput,
  resultsTableJson,
  resultsTableMarkdown,
  type StrategyResult,
} from "./lib/report/results_table.ts";
export { type RunSummary, type RunSummaryInput, summarizeRun } from "./lib/report/run_summary.ts";
export { runReport, type RunReportInput } from "./lib/report/run_report.ts";
export {
  type ReproductionInput,
  reproductionMarkdown,
  type ReproductionResults,
  reproductionResults,
  type Top5Result,
} from "./lib/report/reproduction_results.ts";
export { planTable, planTableMarkdown, type PlanTableRow } from "./lib/report/plan_table.ts";
export { patchGoodnessImages, type PatchGoodnessImagesOptions } from "./lib/report/patch_goodness_images.ts";
export { TrainProgress } from "./lib/report/train_progress.ts";
export {
  type DisplaySink,
  type DisplayTarget,
  LiveDisplay,
  type MimeBundle,
} from "./lib/report/live_display.ts";
export { LiveProgress } from "./lib/report/live_progress.ts";
export {
  markdownBundle,
  notebookBundles,
  type NotebookItem,
  NotebookOutput,
} from "./lib/report/notebook_output.ts";
export { errorCharts, type ErrorChartsInput } from "./lib/report/error_charts.ts";
export { top5Line } from "./lib/report/top5_line.ts";

// run: one call trains, evaluates, checkpoints, resumes and writes the run folder
export { evalBatchSize, type RunOptions, type RunOutcome, runTraining } from "./lib/run/run_training.ts";
export { chooseRunConfig, type RunConfigRequest } from "./lib/run/choose_run_config.ts";
export { RESULT_FILES, RUN_FILES, RunFolder } from "./lib/run/run_folder.ts";
export { RunFolderError, type RunFolderProblem } from "./lib/run/run_error.ts";
export { LOCK_FILE, RunLock } from "./lib/run/run_lock.ts";
export { recordReproduction } from "./lib/run/record_reproduction.ts";

// study: ablation studies, every cell x seed a run folder, tables of mean +- standard deviation
export { STUDIES, STUDY_NAMES } from "./lib/config/studies.ts";
export { STUDY_BASE } from "./lib/config/studies/study_base.ts";
export {
  cellGrid,
  mergeOverrides,
  type StudyCell,
  type StudyPlan,
  studyRuns,
  type StudyRunSpec,
} from "./lib/config/study_plan.ts";
export { runStudy, type StudyOptions } from "./lib/study/run_study.ts";
export { type MeanSd, meanSd } from "./lib/study/mean_sd.ts";
export {
  type StudyCellResult,
  type StudyResults,
  type StudyRunRecord,
  summarizeStudy,
} from "./lib/study/study_results.ts";
export {
  describeOverrides,
  formatMeanSd,
  studyChart,
  studyMarkdown,
  studyTable,
  writeStudyReport,
} from "./lib/study/study_report.ts";
export type {
  StudyEvent,
  StudyRunEndEvent,
  StudyRunPosition,
  StudyRunSkipEvent,
  StudyRunStartEvent,
  StudyTrainEvent,
} from "./lib/study/study_events.ts";
export { BackpropStepEngine } from "./lib/training/backprop_step_engine.ts";
export { pathPool } from "./lib/model/path_pool.ts";
export { type HtmlPageInput, type PageSection, renderHtmlPage } from "./lib/report/html_page.ts";
export { errorBarChart, type ErrorBarChartInput, type ErrorBarSeries } from "./lib/report/error_bar_chart.ts";

// datasets: fetchers and loaders
export { DATASET_NAMES, type DatasetName, isDatasetName, loadDataset } from "./datasets/load_dataset.ts";
export type { LoadDatasetOptions } from "./datasets/load_dataset_options.ts";
export type { DatasetEvent, DatasetEventHandler } from "./datasets/dataset_events.ts";
export {
  CorruptFileError,
  DatasetFormatError,
  DownloadError,
  MissingFileError,
} from "./datasets/dataset_errors.ts";
export { defaultCacheDir, type EnvLookup } from "./datasets/download/cache_dir.ts";
export { computeNormalization } from "./datasets/compute_normalization.ts";
export { loadMnist } from "./datasets/mnist/mnist.ts";
export { loadFashionMnist } from "./datasets/mnist/fashion_mnist.ts";
export { loadCifar10 } from "./datasets/cifar/cifar10.ts";
export { loadCifar100 } from "./datasets/cifar/cifar100.ts";
export { IMAGENET_CLASS_NAMES, IMAGENET_WNIDS } from "./datasets/imagenet/classes.ts";
export { IMAGENET_NORMALIZATION, type ImagenetOptions, loadImagenet } from "./datasets/imagenet/imagenet.ts";
export { syntheticDataset, type SyntheticDatasetOptions } from "./datasets/synthetic/synthetic.ts";

// notebook: what the notebooks share (mode, data or its stand-in, config); they render it with Deno.jupyter
export { NOTEBOOK_MODES, type NotebookMode, notebookMode } from "./lib/notebook/notebook_mode.ts";
export {
  loadNotebookData,
  type NotebookData,
  type NotebookDataOptions,
} from "./lib/notebook/notebook_data.ts";
export {
  type NotebookConfig,
  notebookConfig,
  type NotebookConfigOptions,
  SMALL_MODE_OVERRIDES,
} from "./lib/notebook/notebook_config.ts";
