/**
 * Mean and sample standard deviation over seeds.
 * @module
 */

/** A mean with its sample standard deviation and the number of values behind it. */
export interface MeanSd {
  /** Mean (NaN for no values). */
  readonly mean: number;
  /** Sample standard deviation, n - 1 in the denominator (NaN for fewer than two values). */
  readonly sd: number;
  /** Number of values. */
  readonly n: number;
}

/**
 * Computes mean and sample standard deviation, ignoring non-finite values.
 *
 * @param values The values (e.g. one test accuracy per seed).
 * @returns Mean, deviation and count.
 * @example
 * ```ts
 * import { meanSd } from "./mean_sd.ts";
 * const { mean, sd, n } = meanSd([1, 2, 3]);
 * if (mean !== 2 || sd !== 1 || n !== 3) throw new Error(`${mean} ${sd} ${n}`);
 * ```
 */
export function meanSd(values: readonly number[]): MeanSd {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { mean: NaN, sd: NaN, n };
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: NaN, n };
  const variance = finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(variance), n };
}
