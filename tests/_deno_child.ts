/**
 * Test helper: runs a Deno subcommand in a fresh process with text on its stdin (a module body for
 * `deno run -`, a file for `deno fmt -`), for checks that need a process no earlier test has touched.
 * @module
 */

/** What a child Deno returned. */
export interface DenoChildOutput {
  /** Exit code. */
  readonly code: number;
  /** Standard output, decoded as UTF-8. */
  readonly stdout: string;
  /** Standard error, decoded as UTF-8. */
  readonly stderr: string;
}

/**
 * Runs `deno <args>` with `stdin` piped in and waits for it.
 *
 * @param args The arguments after the Deno executable, e.g. `["run", "--quiet", "-"]`.
 * @param stdin The text written to the child's stdin, which is then closed.
 * @param options Working folder and extra environment variables (added to the inherited ones).
 * @returns The exit code and both outputs; the caller judges them.
 */
export async function denoWithStdin(
  args: readonly string[],
  stdin: string,
  options: { readonly cwd?: URL; readonly env?: Record<string, string> } = {},
): Promise<DenoChildOutput> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [...args],
    cwd: options.cwd,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: options.env,
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}
