/**
 * Study `quick-screen`: what lifts the quick plan once every training image is used. The studies of round 1 and 2
 * (5,000 and 20,000 images) picked the first block and the rate; at the full budget the last block overfits
 * (study quick-full). This screens, at 5 epochs on all 55,000 images, the changes that attack either limit:
 * block 1's grid (its 64 channels gave it P = 2 at alpha = 1), flips, smaller batches, a wider or a deeper plan.
 * @module
 */
import type { ConfigOverrides } from "../resolve_config.ts";
import type { BlockPlan } from "../run_config.ts";
import type { StudyPlan } from "../study_plan.ts";

/** The quick plan as it was when this study ran (64-channel 5x5 first block, P = 2, 2, 1). */
export const QUICK_ROUND_2_BLOCKS: readonly BlockPlan[] = [
  { channels: 64, kernelSize: 5, pool: 2 },
  { channels: 64, kernelSize: 3, pool: 2 },
  { channels: 128, kernelSize: 3, pool: 1 },
];

const withFirst = (partition: number): BlockPlan[] => [
  { ...QUICK_ROUND_2_BLOCKS[0], partition },
  ...QUICK_ROUND_2_BLOCKS.slice(1),
];

/** Quick's plan with this study's winner, block 1 read on a 4 x 4 grid (P = 4): the plan round 3 starts from. */
export const QUICK_B1_P4: readonly BlockPlan[] = withFirst(4);

/** QUICK_B1_P4 with a 7x7 first kernel (cell b1-k7p4 here, k7p4 in study first-block-full). */
export const QUICK_B1_K7P4: readonly BlockPlan[] = [
  { ...QUICK_B1_P4[0], kernelSize: 7 },
  ...QUICK_B1_P4.slice(1),
];

/** The base of round 3's later studies: quick on Fashion-MNIST with QUICK_B1_P4 and its rate pinned. */
export const QUICK_ROUND_3_BASE: ConfigOverrides = {
  dataset: "fashion-mnist",
  blocks: QUICK_B1_P4,
  optimizer: { learningRate: 1e-2 },
};

/** The study. */
export const QUICK_SCREEN: StudyPlan = {
  name: "quick-screen",
  question:
    "At 5 epochs on every image, which change to quick (block 1's grid, flips, batch, width, depth) lifts it?",
  preset: "quick",
  base: { dataset: "fashion-mnist", blocks: QUICK_ROUND_2_BLOCKS, optimizer: { learningRate: 1e-2 } },
  cells: [
    { name: "ref", overrides: {} },
    { name: "b1-p4", overrides: { blocks: QUICK_B1_P4 } },
    { name: "b1-p7", overrides: { blocks: withFirst(7) } },
    { name: "b1-k7p4", overrides: { blocks: QUICK_B1_K7P4 } },
    { name: "flip", overrides: { augment: { horizontalFlip: true } } },
    { name: "batch32", overrides: { batchSize: 32 } },
    {
      name: "wide",
      overrides: {
        blocks: [QUICK_ROUND_2_BLOCKS[0], { channels: 128, kernelSize: 3, pool: 2 }, {
          channels: 256,
          kernelSize: 3,
          pool: 1,
        }],
      },
    },
    {
      name: "four-blocks",
      overrides: { blocks: [...QUICK_ROUND_2_BLOCKS, { channels: 128, kernelSize: 3, pool: 1 }] },
    },
  ],
  seeds: 3,
  budget: { epochs: 5, limit: 0 },
};
