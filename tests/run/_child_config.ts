/** Config overrides of the subprocess run in `_child_run.ts`: long enough to be killed in the middle. */
export const childConfig = {
  dataset: "bands",
  blocks: [{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
  epochs: 200,
  batchSize: 32,
  optimizer: { learningRate: 1e-2 },
} as const;
