/**
 * The typed events of a study run. The library never prints: the CLI renders these.
 * @module
 */
import type { TrainEvent } from "../training/train_events.ts";
import type { StudyResults } from "./study_results.ts";

/** Where one run of the study stands. */
export interface StudyRunPosition {
  /** Cell name. */
  readonly cell: string;
  /** Seed. */
  readonly seed: number;
  /** 1-based index of the run in the study. */
  readonly index: number;
  /** Runs in the study. */
  readonly total: number;
  /** The run folder. */
  readonly dir: string;
}

/** A run begins (fresh, or resumed from its checkpoint). */
export interface StudyRunStartEvent extends StudyRunPosition {
  /** Discriminator. */
  readonly type: "run-start";
  /** Whether it continues from a checkpoint. */
  readonly resumed: boolean;
}

/** A run was already finished in an earlier session: its summary is read back, nothing is trained. */
export interface StudyRunSkipEvent extends StudyRunPosition {
  /** Discriminator. */
  readonly type: "run-skip";
}

/** An event of the training run in progress. */
export interface StudyTrainEvent extends StudyRunPosition {
  /** Discriminator. */
  readonly type: "train";
  /** The trainer's event. */
  readonly event: TrainEvent;
}

/** A run finished; the study's table files were rewritten. */
export interface StudyRunEndEvent extends StudyRunPosition {
  /** Discriminator. */
  readonly type: "run-end";
  /** Best strategy's test accuracy (fraction). */
  readonly bestAccuracy: number;
  /** Seconds of training and evaluation. */
  readonly wallSeconds: number;
  /** The table so far. */
  readonly results: StudyResults;
  /** Where the table files are. */
  readonly paths: { readonly json: string; readonly markdown: string; readonly html: string };
}

/** Any event of a study. */
export type StudyEvent = StudyRunStartEvent | StudyRunSkipEvent | StudyTrainEvent | StudyRunEndEvent;
