/**
 * One writer per run folder: an exclusive advisory lock on `run.lock`. The operating system drops the lock
 * when the process ends, however it ends (`kill -9` included), so a crashed run never leaves the folder stuck;
 * the file itself stays, holding the pid of the last holder for the message a second writer gets.
 * @module
 */
import { RunFolderError } from "./run_error.ts";

/** The lock file's name inside a run folder. */
export const LOCK_FILE = "run.lock";

/**
 * Holds a run folder's lock until {@linkcode RunLock.release}.
 *
 * @example A second writer is refused
 * ```ts
 * import { RunLock } from "./run_lock.ts";
 * const dir = await Deno.makeTempDir();
 * const first = await RunLock.acquire(dir);
 * const second = await RunLock.acquire(dir).then(() => "taken", (e: Error) => e.name);
 * first.release();
 * const third = await RunLock.acquire(dir);
 * third.release();
 * await Deno.remove(dir, { recursive: true });
 * if (second !== "RunFolderError") throw new Error(`the second lock was ${second}`);
 * ```
 */
export class RunLock {
  readonly #file: Deno.FsFile;

  private constructor(file: Deno.FsFile) {
    this.#file = file;
  }

  /**
   * Takes the lock of `dir` (creating the folder), or throws a {@linkcode RunFolderError} ("busy") naming the
   * process that holds it.
   *
   * @param dir The run folder.
   * @returns The held lock.
   */
  static async acquire(dir: string): Promise<RunLock> {
    await Deno.mkdir(dir, { recursive: true });
    const path = `${dir}/${LOCK_FILE}`;
    // Not an atomic write: renaming a new file over the lock file would lock another inode.
    const file = await Deno.open(path, { read: true, write: true, create: true });
    if (!(await file.tryLock(true))) {
      const holder = (await Deno.readTextFile(path).catch(() => "")).trim() || "another process";
      file.close();
      throw new RunFolderError(
        dir,
        "busy",
        `The run folder "${dir}" is in use by another run (${holder}); wait for it to finish or choose ` +
          `another --out folder`,
      );
    }
    await file.truncate(0);
    await file.write(new TextEncoder().encode(`pid ${Deno.pid}, since ${new Date().toISOString()}\n`));
    return new RunLock(file);
  }

  /** Releases the lock (closing the file releases it). */
  release(): void {
    try {
      this.#file.unlockSync();
    } finally {
      this.#file.close();
    }
  }
}
