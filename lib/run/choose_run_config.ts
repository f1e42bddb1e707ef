/**
 * Which config a run uses: a new run's preset with the overrides applied, or, when resuming, the run folder's
 * own `config.json` (only `epochs` may change: anything else would make the folder describe a run that never
 * happened).
 * @module
 */
import { type ConfigOverrides, resolveConfig, validateConfig } from "../config/resolve_config.ts";
import type { RunConfig } from "../config/run_config.ts";
import { RunFolderError } from "./run_error.ts";
import { RUN_FILES, RunFolder } from "./run_folder.ts";

/** What {@linkcode chooseRunConfig} decides from. */
export interface RunConfigRequest {
  /** The run folder. */
  readonly runDir: string;
  /** Preset of a new run (a resumed run keeps its own). */
  readonly preset: string;
  /** Fields the user set; on resume only `epochs` may differ from the saved config. */
  readonly overrides: ConfigOverrides;
  /** Continue the run in `runDir`. */
  readonly resume: boolean;
}

/** Config fields (dotted, one level deep) whose override differs from `saved`. */
function changedFields(saved: RunConfig, overrides: ConfigOverrides): string[] {
  const changed: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (key === "epochs" || value === undefined) continue;
    const before = (saved as unknown as Record<string, unknown>)[key];
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) {
        const was = (before as Record<string, unknown> | undefined)?.[inner];
        if (v !== undefined && JSON.stringify(v) !== JSON.stringify(was)) changed.push(`${key}.${inner}`);
      }
    } else if (JSON.stringify(value) !== JSON.stringify(before)) changed.push(key);
  }
  return changed;
}

/**
 * Picks the config of a run and checks it fits the folder.
 *
 * @param request Folder, preset, overrides and the resume switch.
 * @returns The validated config; throws {@linkcode RunFolderError} when the folder holds a run and `resume` is
 *   off ("exists"), holds none and `resume` is on ("nothing-to-resume"), or an override would change a resumed
 *   run ("override-on-resume", with the fields); a `ConfigError` for a bad value.
 * @example A new run in an empty folder
 * ```ts
 * import { chooseRunConfig } from "./choose_run_config.ts";
 * const runDir = await Deno.makeTempDir();
 * const config = await chooseRunConfig({ runDir, preset: "quick", overrides: { epochs: 2 }, resume: false });
 * await Deno.remove(runDir);
 * if (config.epochs !== 2) throw new Error("the override was not applied");
 * ```
 */
export async function chooseRunConfig(request: RunConfigRequest): Promise<RunConfig> {
  const folder = new RunFolder(request.runDir);
  const checkpoint = await folder.findCheckpoint();
  if (!request.resume) {
    if (checkpoint) {
      throw new RunFolderError(
        folder.dir,
        "exists",
        `"${folder.dir}" already holds a run (${checkpoint}); pass --resume to continue it or --out DIR for a new run`,
      );
    }
    return resolveConfig(request.preset, request.overrides);
  }
  if (!checkpoint) {
    throw new RunFolderError(
      folder.dir,
      "nothing-to-resume",
      `--resume: "${folder.dir}" holds no checkpoint to continue; drop --resume to start anew`,
    );
  }
  const saved = await folder.readConfig();
  const changed = changedFields(saved, request.overrides);
  if (changed.length) {
    throw new RunFolderError(
      folder.dir,
      "override-on-resume",
      `A resumed run keeps the config in "${folder.path(RUN_FILES.config)}"; it cannot change ` +
        `${
          changed.join(", ")
        } (only epochs may grow): drop the override, or start a new run in another folder`,
      changed,
    );
  }
  const config = { ...saved, epochs: request.overrides.epochs ?? saved.epochs };
  validateConfig(config);
  return config;
}
