/**
 * Puts the three strategies side by side: accuracy against parameters, FLOPs and memory.
 * @module
 */
import type { NetworkPlan } from "../model/network_plan.ts";
import type { Evaluation } from "./evaluate_network.ts";
import { strategyCost } from "./strategy_costs.ts";
import type { StrategyName, StrategySummary } from "./strategy_summary.ts";

/** The strategies in the order tables show them. */
export const STRATEGY_NAMES: readonly StrategyName[] = ["last", "fusion", "best"];

/**
 * Summarises Last, Fusion and Best from a validation and a test evaluation.
 *
 * @param plan The network's plan.
 * @param validation Evaluation on the validation split (count 0 when there is none).
 * @param test Evaluation on the test split.
 * @param bestBlock Block Best uses (picked on validation).
 * @returns One summary per strategy.
 */
export function summarizeStrategies(
  plan: NetworkPlan,
  validation: Evaluation,
  test: Evaluation,
  bestBlock: number,
): StrategySummary[] {
  const lastBlock = plan.blocks.length - 1;
  const accuracy = (e: Evaluation, s: StrategyName) =>
    s === "fusion" ? e.fusionAccuracy : e.blockAccuracy[s === "best" ? bestBlock : lastBlock] ?? NaN;
  return STRATEGY_NAMES.map((strategy) => ({
    strategy,
    testAccuracy: accuracy(test, strategy),
    validationAccuracy: validation.count ? accuracy(validation, strategy) : NaN,
    ...strategyCost(plan, strategy, bestBlock),
  }));
}
