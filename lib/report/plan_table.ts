/**
 * A network's plan as a table, one row per block: input map, channels C_l, partition factor P_l, goodness
 * length C_l P_l^2 and parameters. The numbers come from the plan (and the cost model of lib/prediction), so
 * the table can be shown before any weight exists.
 * @module
 */
import type { NetworkPlan } from "../model/network_plan.ts";
import { strategyCost } from "../prediction/strategy_costs.ts";
import { formatCount } from "../util/text_format.ts";

/** One block of a plan, as a table row. */
export interface PlanTableRow {
  /** 1-based block number. */
  readonly block: number;
  /** Input map, `"HxWxC"`. */
  readonly input: string;
  /** Output channels C_l. */
  readonly channels: number;
  /** Conv kernel size k. */
  readonly kernelSize: number;
  /** Convolutions in the block (1 unless the plan sets `convs`). */
  readonly convs: number;
  /** RMS pool size s (1 = none). */
  readonly pool: number;
  /** Map the goodness is read from, `"HxW"`. */
  readonly goodnessMap: string;
  /** Partition factor P_l. */
  readonly partition: number;
  /** Size of one patch of the P_l x P_l grid in pixels of the goodness map, `"hxw"`. */
  readonly patch: string;
  /** Goodness length C_l * P_l^2 (width of the frozen projection). */
  readonly goodnessLength: number;
  /** Trained parameters of the block (conv kernels and biases). */
  readonly trainableParameters: number;
  /** Frozen parameters of its projection W_l (N x C_l P_l^2) and b_l (N). */
  readonly frozenParameters: number;
}

/**
 * Lists the blocks of a plan with their shapes, partition factors and parameter counts.
 *
 * @param plan A resolved plan (`planNetwork(...)` or `network.plan`).
 * @returns One row per block, in order.
 * @example Two blocks on 8x8 grey images
 * ```ts
 * import assert from "node:assert/strict";
 * import { planNetwork } from "../model/network_plan.ts";
 * import { DEFAULT_ENCODING } from "../config/presets.ts";
 * import { planTable } from "./plan_table.ts";
 * const plan = planNetwork([{ channels: 4, kernelSize: 3, pool: 2 }, { channels: 8, kernelSize: 3, pool: 1 }],
 *   DEFAULT_ENCODING, [8, 8, 1], 10);
 * const rows = planTable(plan);
 * assert.equal(rows[0].partition, 2); // (8 / 4) ^ 1
 * assert.equal(rows[0].trainableParameters, 3 * 3 * 1 * 4 + 4); // kernel and bias
 * ```
 */
export function planTable(plan: NetworkPlan): PlanTableRow[] {
  let trainableBefore = 0;
  return plan.blocks.map((b, l) => {
    // Best cut after block l runs blocks 0..l and reads only projection l.
    const cost = strategyCost(plan, "best", l);
    const trainable = cost.trainableParameters - trainableBefore;
    trainableBefore = cost.trainableParameters;
    const [gh, gw] = b.goodnessMap;
    return {
      block: l + 1,
      input: b.inputShape.join("x"),
      channels: b.channels,
      kernelSize: b.kernelSize,
      convs: b.convs ?? 1,
      pool: b.pool,
      goodnessMap: `${gh}x${gw}`,
      partition: b.partition,
      patch: `${gh / b.partition}x${gw / b.partition}`,
      goodnessLength: b.goodnessLength,
      trainableParameters: trainable,
      frozenParameters: cost.frozenParameters,
    };
  });
}

/**
 * The plan table as Markdown (for a notebook's `text/markdown` output or a README), with a total row.
 *
 * @param plan A resolved plan.
 * @returns A Markdown table.
 * @example
 * ```ts
 * import { planNetwork } from "../model/network_plan.ts";
 * import { DEFAULT_ENCODING } from "../config/presets.ts";
 * import { planTableMarkdown } from "./plan_table.ts";
 * const plan = planNetwork([{ channels: 4, kernelSize: 3, pool: 1 }], DEFAULT_ENCODING, [4, 4, 1], 2);
 * if (!planTableMarkdown(plan).includes("| 1 | 4x4x1 |")) throw new Error("no block row");
 * ```
 */
export function planTableMarkdown(plan: NetworkPlan): string {
  const rows = planTable(plan);
  const header = [
    "block",
    "input",
    "channels C",
    "kernel",
    "pool",
    "goodness map",
    "partition P",
    "patch",
    "goodness length C·P²",
    "trainable",
    `frozen (N = ${plan.numClasses})`,
  ];
  const lines = rows.map((r) => [
    r.block,
    r.input,
    r.channels,
    `${r.kernelSize}x${r.kernelSize}${r.convs > 1 ? ` ×${r.convs}` : ""}`,
    r.pool,
    r.goodnessMap,
    r.partition,
    r.patch,
    formatCount(r.goodnessLength),
    formatCount(r.trainableParameters),
    formatCount(r.frozenParameters),
  ]);
  const sum = (key: "trainableParameters" | "frozenParameters") => rows.reduce((s, r) => s + r[key], 0);
  lines.push([
    "total",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    formatCount(sum("trainableParameters")),
    formatCount(
      sum("frozenParameters"),
    ),
  ]);
  const row = (cells: readonly unknown[]) => `| ${cells.join(" | ")} |`;
  return [row(header), row(header.map(() => "---")), ...lines.map(row)].join("\n");
}
