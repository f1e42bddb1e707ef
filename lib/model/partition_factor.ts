/**
 * The adaptive partition factor P_l of ASGE: how finely a block's feature map is cut into patches before
 * its goodness is read.
 * @module
 */

/**
 * Computes the partition factor `P_l = (C_L / C_l) ^ alpha` (r), rounded to the nearest common divisor of the
 * map's height and width (ties go to the smaller, coarser grid), at least 1. Shallow, thin blocks get a fine
 * grid; deep, wide blocks a coarse one; `alpha = 0` gives plain per-channel goodness (P = 1).
 *
 * @param channels C_l, the block's output channels.
 * @param lastChannels C_L, the output channels of the network's last conv block.
 * @param alpha The exponent alpha >= 0 (config `encoding.alpha`; 1 is the paper's best).
 * @param height Height of the map the goodness is read from.
 * @param width Width of that map.
 * @returns P_l, a divisor of both `height` and `width`.
 * @example Thin early block on a 28x28 map
 * ```ts
 * import { partitionFactor } from "./partition_factor.ts";
 * // (128 / 32) ^ 1 = 4, and 4 divides 28
 * if (partitionFactor(32, 128, 1, 28, 28) !== 4) throw new Error("expected 4");
 * ```
 */
export function partitionFactor(
  channels: number,
  lastChannels: number,
  alpha: number,
  height: number,
  width: number,
): number {
  if (!(channels > 0 && lastChannels > 0)) {
    throw new RangeError(
      `partitionFactor: channels must be positive, got C_l=${channels}, C_L=${lastChannels}`,
    );
  }
  if (!(alpha >= 0)) throw new RangeError(`partitionFactor: alpha must be >= 0, got ${alpha}`);
  return nearestDivisor(Math.max(1, Math.pow(lastChannels / channels, alpha)), height, width);
}

/**
 * The divisor of both `height` and `width` nearest to `ideal` (the smaller on a tie), at least 1: how a partition
 * factor, from alpha or given per block, fits the map its goodness is read from.
 *
 * @param ideal The wanted factor.
 * @param height Map height.
 * @param width Map width.
 * @returns The factor used.
 * @example
 * ```ts
 * import { nearestDivisor } from "./partition_factor.ts";
 * if (nearestDivisor(4, 28, 28) !== 4 || nearestDivisor(4, 14, 14) !== 2 || nearestDivisor(5, 28, 28) !== 4) {
 *   throw new Error("nearestDivisor");
 * }
 * ```
 */
export function nearestDivisor(ideal: number, height: number, width: number): number {
  let best = 1;
  for (let p = 1; p <= Math.min(height, width); p++) {
    if (height % p !== 0 || width % p !== 0) continue;
    if (Math.abs(p - ideal) < Math.abs(best - ideal)) best = p;
  }
  return best;
}
