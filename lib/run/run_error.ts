/**
 * Why a run folder cannot be used as asked: another process holds it, it already holds a run, or its
 * checkpoint was made under another config. The CLI answers these with exit code 2.
 * @module
 */

/** What is wrong with the run folder. */
export type RunFolderProblem =
  | "busy"
  | "exists"
  | "nothing-to-resume"
  | "other-config"
  | "override-on-resume";

/** A run folder that does not fit the request; the message says what to do instead. */
export class RunFolderError extends Error {
  /** The run folder. */
  readonly dir: string;
  /** What is wrong. */
  readonly problem: RunFolderProblem;
  /** Config fields the request tried to change on resume (`override-on-resume` only). */
  readonly fields: readonly string[];

  /**
   * Creates the error.
   * @param dir The run folder.
   * @param problem What is wrong.
   * @param message One sentence: what, and the fix.
   * @param fields Config fields involved, for the CLI to name their flags.
   */
  constructor(dir: string, problem: RunFolderProblem, message: string, fields: readonly string[] = []) {
    super(message);
    this.name = "RunFolderError";
    this.dir = dir;
    this.problem = problem;
    this.fields = fields;
  }
}
