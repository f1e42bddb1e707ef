/**
 * Test helper: whether a program a test needs (gcc, tar) is installed, so that the test can be skipped with
 * the reason rather than fail.
 * @module
 */

/**
 * Runs `<name> --version` quietly.
 *
 * @param name The program, looked up on PATH.
 * @returns True when it ran and exited 0; false when it is missing or failed.
 */
export function hasCommand(name: string): boolean {
  try {
    return new Deno.Command(name, { args: ["--version"], stdout: "null", stderr: "null" }).outputSync()
      .success;
  } catch {
    return false;
  }
}
