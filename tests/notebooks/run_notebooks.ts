/**
 * Runs notebooks headless through `run_notebook.py` (nbclient, keeping outputs the Deno kernel sends late) and
 * writes the executed copies. `deno task notebooks:run` runs every notebook in full mode into
 * `notebooks/executed/`; the tests run them in small mode.
 *
 * Usage: deno run -A tests/notebooks/run_notebooks.ts [--mode small|full] [--out DIR] [--jobs N] [--repeat N]
 *   [name ...]
 * @module
 */
import { parseArgs } from "node:util";
import { notebookNames, NOTEBOOKS_DIR, ROOT } from "./_notebooks.ts";

/** The Python the runner uses: Debian's, where python3-nbclient is installed. */
export const PYTHON = Deno.env.get("ASGE_PYTHON") ?? "/usr/bin/python3";
const RUNNER = `${ROOT}/tests/notebooks/run_notebook.py`;

let kernelsDir: string | undefined;

/**
 * The environment for Python: `JUPYTER_PATH` starts with a private folder holding a kernelspec named `deno` for
 * the Deno running this script, so runs need no `deno jupyter --install` and use this Deno's version.
 */
function jupyterEnv(): Record<string, string> {
  if (!kernelsDir) {
    const dir = Deno.makeTempDirSync({ prefix: "asge-jupyter-" });
    Deno.mkdirSync(`${dir}/kernels/deno`, { recursive: true });
    const spec = {
      argv: [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"],
      display_name: "Deno",
      language: "typescript",
    };
    Deno.writeTextFileSync(`${dir}/kernels/deno/kernel.json`, JSON.stringify(spec, null, 2));
    globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
    kernelsDir = dir;
  }
  const inherited = Deno.env.get("JUPYTER_PATH");
  return { JUPYTER_PATH: inherited ? `${kernelsDir}:${inherited}` : kernelsDir };
}

/** What `run_notebook.py` prints about one run. */
export interface RunSummary {
  /** The notebook's name. */
  readonly name: string;
  /** Where the executed copy was written. */
  readonly output: string;
  /** Exit code: 0 no cell failed, 1 a cell failed, 2 usage error, 3 nbclient missing. */
  readonly code: number;
  /** Code cells in the notebook. */
  readonly codeCells: number;
  /** Code cells with an error output. */
  readonly errorCells: number;
  /** Outputs per MIME type. */
  readonly outputs: Record<string, number>;
  /** IOPub messages that arrived after the kernel reported a cell idle (kept by the runner). */
  readonly lateMessages: number;
  /** Wall time of the run. */
  readonly seconds: number;
  /** The runner's stderr (kernel warnings, tracebacks). */
  readonly stderr: string;
}

/**
 * Why notebooks cannot run here, or `undefined` when they can: Python with nbclient must be present (the
 * kernelspec comes from {@linkcode jupyterEnv}).
 */
export async function notebookRunnerMissing(): Promise<string | undefined> {
  const probe = "import nbclient, nbformat\nfrom jupyter_client.kernelspec import KernelSpecManager\n" +
    "print(KernelSpecManager().get_kernel_spec('deno').argv[0])";
  try {
    const { code, stderr } = await new Deno.Command(PYTHON, { args: ["-c", probe], env: jupyterEnv() })
      .output();
    if (code === 0) return undefined;
    const reason = new TextDecoder().decode(stderr).trim().split("\n").at(-1);
    return `${PYTHON} cannot run notebooks (${reason}); install Debian's python3-nbclient and jupyter-nbconvert`;
  } catch (error) {
    return `cannot start ${PYTHON} (${(error as Error).message}); set ASGE_PYTHON to a Python with nbclient`;
  }
}

/**
 * Executes one notebook and writes the executed copy.
 *
 * @param name Notebook name without `.ipynb`.
 * @param output Path of the executed .ipynb.
 * @param mode `ASGE_NOTEBOOK_MODE` for the kernel.
 * @returns The runner's summary.
 */
export async function runNotebook(name: string, output: string, mode: "small" | "full"): Promise<RunSummary> {
  const { code, stdout, stderr } = await new Deno.Command(PYTHON, {
    args: [
      RUNNER,
      `${NOTEBOOKS_DIR}/${name}.ipynb`,
      output,
      "--timeout",
      mode === "small" ? "300" : "604800",
    ],
    env: { ...jupyterEnv(), ASGE_NOTEBOOK_MODE: mode, NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(stdout).trim().split("\n").at(-1) ?? "";
  const err = new TextDecoder().decode(stderr);
  let parsed: Omit<RunSummary, "name" | "output" | "code" | "stderr">;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`run_notebook.py printed no summary for ${name} (exit ${code}):\n${text}\n${err}`);
  }
  return { ...parsed, name, output, code, stderr: err };
}

/**
 * Runs notebooks `jobs` at a time (each in its own kernel; every kernel uses one core).
 *
 * @param names Notebook names.
 * @param outDir Folder for the executed copies (`<name>.ipynb`, or `<name>.<run>.ipynb` when repeating).
 * @param options Mode, parallel jobs and repeats.
 * @returns One summary per run, in order.
 */
export async function runNotebooks(
  names: readonly string[],
  outDir: string,
  options: { mode: "small" | "full"; jobs?: number; repeat?: number },
): Promise<RunSummary[]> {
  Deno.mkdirSync(outDir, { recursive: true });
  const repeat = options.repeat ?? 1;
  const tasks = names.flatMap((name) =>
    Array.from(
      { length: repeat },
      (_, r) => ({ name, output: `${outDir}/${name}${repeat > 1 ? `.${r}` : ""}.ipynb` }),
    )
  );
  const results: RunSummary[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await runNotebook(tasks[i].name, tasks[i].output, options.mode);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs ?? 1) }, worker));
  return results;
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: {
      mode: { type: "string", default: "full" },
      out: { type: "string", default: `${NOTEBOOKS_DIR}/executed` },
      jobs: { type: "string", default: "1" },
      repeat: { type: "string", default: "1" },
    },
  });
  const mode = values.mode;
  if (mode !== "small" && mode !== "full") {
    console.error(`--mode is "${mode}"; use --mode small or --mode full`);
    Deno.exit(2);
  }
  const missing = await notebookRunnerMissing();
  if (missing) {
    console.error(missing);
    Deno.exit(2);
  }
  const known = notebookNames();
  const unknown = positionals.filter((n) => !known.includes(n));
  if (unknown.length) {
    console.error(`No notebook named ${unknown.join(", ")}; choose from ${known.join(", ")}`);
    Deno.exit(2);
  }
  const results = await runNotebooks(positionals.length ? positionals : known, values.out, {
    mode,
    jobs: Number(values.jobs),
    repeat: Number(values.repeat),
  });
  for (const r of results) {
    const plots = r.outputs["application/vnd.plotly.v1+json"] ?? 0;
    console.log(
      `${r.name}: ${r.codeCells} code cells, ${r.errorCells} failed, ${plots} plots, ` +
        `${r.lateMessages} late messages kept, ${r.seconds} s -> ${r.output}`,
    );
    if (r.errorCells) console.log(r.stderr.trim());
  }
  Deno.exit(results.some((r) => r.code !== 0) ? 1 : 0);
}
