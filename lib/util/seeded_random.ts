/**
 * A small, fast, seeded pseudo-random generator. Every random choice in asge takes one of these, never a hidden
 * global, so the same seed gives the same run.
 * @module
 */

/** A seeded generator of uniform floats in [0, 1), with helpers for the draws asge needs. */
export class SeededRandom {
  #state: number;

  /**
   * Creates a {@linkcode SeededRandom}.
   * @param seed Any integer; equal seeds give equal sequences.
   * @example Same seed, same numbers
   * ```ts
   * import { SeededRandom } from "./seeded_random.ts";
   * const a = new SeededRandom(7), b = new SeededRandom(7);
   * if (a.next() !== b.next()) throw new Error("not deterministic");
   * ```
   */
  constructor(seed: number) {
    this.#state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** The generator's internal state, for checkpoints. */
  get state(): number {
    return this.#state;
  }

  /** Restores a state read from {@linkcode SeededRandom.state}. */
  set state(value: number) {
    this.#state = value >>> 0;
  }

  /** Returns a uniform float in [0, 1) (mulberry32). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Returns a uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Returns a standard normal sample (Box-Muller). */
  nextNormal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `array` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /** Returns a new generator whose seed is drawn from this one (for independent streams). */
  fork(): SeededRandom {
    return new SeededRandom(Math.floor(this.next() * 4294967296));
  }
}
