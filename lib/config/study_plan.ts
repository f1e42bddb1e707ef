/**
 * An ablation study as data: a base preset, cells of config overrides, seeds and a budget per run. The study
 * runner (`lib/study`) runs every cell for every seed as an ordinary run folder and tables mean and deviation.
 * @module
 */
import type { ConfigOverrides } from "./resolve_config.ts";
import { resolveConfig } from "./resolve_config.ts";
import type { RunConfig } from "./run_config.ts";

/** One cell of a study: a name (used as its folder name) and the overrides it applies to the base. */
export interface StudyCell {
  /** Short name, letters, digits, `.`, `_` and `-` only (it names the cell's folder). */
  readonly name: string;
  /** Overrides on top of the study's `base`. */
  readonly overrides: ConfigOverrides;
}

/** A study. */
export interface StudyPlan {
  /** Name (`deno task ablate --study NAME`). */
  readonly name: string;
  /** The question it answers, one sentence. */
  readonly question: string;
  /** Base preset. */
  readonly preset: string;
  /** Overrides every cell starts from (dataset, shared settings). */
  readonly base: ConfigOverrides;
  /** The cells; the first is the reference the others are compared with. */
  readonly cells: readonly StudyCell[];
  /** Seeds per cell (1..seeds); at least 3 for a deviation worth reading. */
  readonly seeds: number;
  /** Budget per run: epochs and training images (`limit`; 0 for all). */
  readonly budget: { readonly epochs: number; readonly limit: number };
}

/**
 * Merges override sets left to right; nested groups (`encoding`, `optimizer`, `augment`) merge one level deep,
 * lists (`blocks`) are replaced.
 *
 * @param sets Override sets, later ones win.
 * @returns One override set.
 * @example
 * ```ts
 * import { mergeOverrides } from "./study_plan.ts";
 * const merged = mergeOverrides({ optimizer: { learningRate: 1e-3 } }, { optimizer: { weightDecay: 5e-4 } });
 * if (merged.optimizer?.learningRate !== 1e-3 || merged.optimizer?.weightDecay !== 5e-4) throw new Error("merge");
 * ```
 */
export function mergeOverrides(...sets: readonly ConfigOverrides[]): ConfigOverrides {
  const out: Record<string, unknown> = {};
  for (const set of sets) {
    for (const [key, value] of Object.entries(set)) {
      const before = out[key];
      const nested = value !== null && typeof value === "object" && !Array.isArray(value);
      out[key] = nested && before && typeof before === "object" ? { ...before, ...value } : value;
    }
  }
  return out as ConfigOverrides;
}

/**
 * Crosses lists of cells into their product: each result cell joins the names with `+` and merges the
 * overrides in order.
 *
 * @param axes Lists of cells, one list per factor.
 * @returns Every combination, the first axis varying slowest.
 * @example A 2 x 2 grid
 * ```ts
 * import { cellGrid } from "./study_plan.ts";
 * const cells = cellGrid(
 *   [{ name: "lr1e-3", overrides: { optimizer: { learningRate: 1e-3 } } }, { name: "lr3e-3", overrides: {} }],
 *   [{ name: "e2", overrides: { epochs: 2 } }, { name: "e4", overrides: { epochs: 4 } }],
 * );
 * if (cells.map((c) => c.name).join(" ") !== "lr1e-3+e2 lr1e-3+e4 lr3e-3+e2 lr3e-3+e4") throw new Error("grid");
 * ```
 */
export function cellGrid(...axes: readonly (readonly StudyCell[])[]): StudyCell[] {
  return axes.reduce<StudyCell[]>(
    (cells, axis) =>
      cells.flatMap((cell) =>
        axis.map((next) => ({
          name: cell.name ? `${cell.name}+${next.name}` : next.name,
          overrides: mergeOverrides(cell.overrides, next.overrides),
        }))
      ),
    [{ name: "", overrides: {} }],
  );
}

/** What to run for one cell and seed. */
export interface StudyRunSpec {
  /** The cell. */
  readonly cell: StudyCell;
  /** The seed. */
  readonly seed: number;
  /** The fully resolved config. */
  readonly config: RunConfig;
}

/**
 * Resolves every cell x seed of a study into configs, in run order (all cells for seed 1, then seed 2, ...,
 * so an interrupted study has a first result for every cell early). Budgets may be overridden for a smoke run.
 *
 * @param study The study.
 * @param budget Overrides of seeds, epochs and limit.
 * @returns One spec per run; throws a `RangeError` naming the cell when a config is invalid or names repeat.
 * @example
 * ```ts
 * import { studyRuns } from "./study_plan.ts";
 * const runs = studyRuns({ name: "s", question: "q", preset: "quick", base: {}, seeds: 3,
 *   budget: { epochs: 2, limit: 1000 }, cells: [{ name: "a", overrides: {} }, { name: "b", overrides: {} }] });
 * if (runs.length !== 6 || runs[1].cell.name !== "b" || runs[2].seed !== 2) throw new Error("order");
 * ```
 */
export function studyRuns(
  study: StudyPlan,
  budget: { seeds?: number; epochs?: number; limit?: number } = {},
): StudyRunSpec[] {
  const names = new Set<string>();
  for (const cell of study.cells) {
    if (!/^[A-Za-z0-9._+-]+$/.test(cell.name)) {
      throw new RangeError(
        `study "${study.name}": cell name "${cell.name}" may hold only letters, digits, . _ + -`,
      );
    }
    if (names.has(cell.name)) {
      throw new RangeError(`study "${study.name}": cell "${cell.name}" appears twice`);
    }
    names.add(cell.name);
  }
  const seeds = budget.seeds ?? study.seeds;
  const runs: StudyRunSpec[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    for (const cell of study.cells) {
      const overrides = mergeOverrides(study.base, cell.overrides, {
        epochs: budget.epochs ?? cell.overrides.epochs ?? study.budget.epochs,
        limit: budget.limit ?? study.budget.limit,
        seed,
      });
      try {
        runs.push({ cell, seed, config: resolveConfig(study.preset, overrides) });
      } catch (error) {
        throw new RangeError(`study "${study.name}", cell "${cell.name}": ${(error as Error).message}`);
      }
    }
  }
  return runs;
}
