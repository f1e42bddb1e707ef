/**
 * `deno task notebooks:check`: type-checks every notebook. The Deno kernel runs cells without checking their
 * types, and `deno check` skips .ipynb files, so each notebook's code cells are joined into
 * `notebooks/.checked/<name>.ts`, type-checked and linted with the notebooks' own deno.json.
 *
 * Usage: deno run --allow-read --allow-write --allow-run --allow-env tests/notebooks/check_notebooks.ts [name ...]
 * @module
 */
import {
  CHECKED_DIR,
  notebookNames,
  NOTEBOOKS_DIR,
  notebookToTypeScript,
  readNotebook,
  ROOT,
} from "./_notebooks.ts";

/** The outcome of checking some notebooks. */
export interface CheckResult {
  /** Whether `deno check` and `deno lint` passed. */
  readonly ok: boolean;
  /** The joined files checked. */
  readonly files: string[];
  /** Their output (errors name the joined file and its line; `// cell N` marks each cell). */
  readonly output: string;
}

/**
 * Writes the joined code of the named notebooks (default: all) and runs `deno check` and `deno lint` on it.
 *
 * @param names Notebook names without `.ipynb`.
 * @returns Whether the check passed, and its output.
 */
export async function checkNotebooks(names: readonly string[] = notebookNames()): Promise<CheckResult> {
  Deno.mkdirSync(CHECKED_DIR, { recursive: true });
  const files = names.map((name) => {
    const file = `${CHECKED_DIR}/${name}.ts`;
    Deno.writeTextFileSync(file, notebookToTypeScript(readNotebook(`${NOTEBOOKS_DIR}/${name}.ipynb`), name));
    return file;
  });
  const run = async (command: "check" | "lint") => {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [command, "--quiet", "--config", `${NOTEBOOKS_DIR}/deno.json`, ...files],
      env: { NO_COLOR: "1" },
    }).output();
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return { ok: code === 0, output: decode(stdout) + decode(stderr) };
  };
  const checked = await run("check");
  const linted = await run("lint");
  return { ok: checked.ok && linted.ok, files, output: (checked.output + linted.output).trim() };
}

/**
 * Compares the imports of `notebooks/deno.json` with the root `deno.json`'s (the kernel reads the former).
 *
 * @returns A message naming the entries that differ and the fix, or `undefined` when they are the same.
 */
export function notebookImportsDiffer(): string | undefined {
  const imports = (path: string): Record<string, string> =>
    JSON.parse(Deno.readTextFileSync(path)).imports ?? {};
  const root = imports(`${ROOT}/deno.json`);
  const notebooks = imports(`${NOTEBOOKS_DIR}/deno.json`);
  const keys = [...new Set([...Object.keys(root), ...Object.keys(notebooks)])].sort();
  const differ = keys.filter((k) => root[k] !== notebooks[k]);
  if (differ.length === 0) return undefined;
  return `notebooks/deno.json's imports differ from deno.json's for ${differ.join(", ")}: copy the root's ` +
    `"imports" into notebooks/deno.json`;
}

if (import.meta.main) {
  const differ = notebookImportsDiffer();
  if (differ) console.log(differ);
  const result = await checkNotebooks(Deno.args.length ? Deno.args : undefined);
  console.log(result.output || `Type-checked and linted ${result.files.length} notebooks: no errors.`);
  Deno.exit(result.ok && !differ ? 0 : 1);
}
