/**
 * Cutting a network after one block, for the Best strategy's smaller model.
 * @module
 */
import { AsgeNetwork } from "../model/asge_network.ts";

/**
 * Returns a new network holding copies of blocks `0..lastBlock`; their partition factors stay those of the full
 * network because they are part of the plan. Later blocks are dropped.
 *
 * @param network The full network.
 * @param lastBlock Last block to keep (0-based).
 * @param seed The seed the full network was built with.
 * @returns A new network; the caller disposes it.
 */
export async function truncateNetwork(
  network: AsgeNetwork,
  lastBlock: number,
  seed: number,
): Promise<AsgeNetwork> {
  if (lastBlock < 0 || lastBlock >= network.blocks.length) {
    throw new RangeError(
      `truncateNetwork: block ${lastBlock} does not exist (0..${network.blocks.length - 1})`,
    );
  }
  const plan = { ...network.plan, blocks: network.plan.blocks.slice(0, lastBlock + 1) };
  const truncated = new AsgeNetwork(plan, network.encoding, seed);
  const weights = await network.readWeights();
  truncated.writeWeights({ blocks: weights.blocks.slice(0, lastBlock + 1) });
  return truncated;
}
