/**
 * `deno task fmt` formats the notebooks with this script; `deno task check` runs it with `--check`.
 *
 * Why not `deno fmt --check`: Deno 2.9.6 counts every notebook that has a markdown cell as changed, even
 * when the text it would write is byte-for-byte the text on disk. `deno fmt` then writes the same bytes and
 * records the file in its incremental cache (`~/.cache/deno/fmt_incremental_cache_v2`), and later checks skip
 * cached files, so `deno fmt --check` failed on a fresh clone and passed on the machine of whoever had run
 * `deno fmt`. `deno.json` therefore leaves `.ipynb` out of `deno fmt`, and this script pipes each notebook
 * through the same formatter on stdin (`deno fmt --ext ipynb -`, which keeps no cache) and compares bytes.
 *
 * Usage: deno run --allow-read --allow-write --allow-run --allow-env tests/notebooks/format_notebooks.ts [--check]
 * @module
 */
import { denoWithStdin } from "../_deno_child.ts";
import { notebookNames, NOTEBOOKS_DIR } from "./_notebooks.ts";

/**
 * Formats a notebook's text as `deno fmt` would, with the notebooks' own `deno.json` (its line width).
 *
 * @param text The `.ipynb` file's text.
 * @param name The file's name, for the error message.
 * @returns The formatted text (the same bytes when the notebook is formatted already).
 * @throws Error with the formatter's message when the notebook cannot be formatted (invalid JSON, say).
 */
export async function formatNotebookText(text: string, name: string): Promise<string> {
  const { code, stdout, stderr } = await denoWithStdin(
    ["fmt", "--quiet", "--config", `${NOTEBOOKS_DIR}/deno.json`, "--ext", "ipynb", "-"],
    text,
    { env: { NO_COLOR: "1" } },
  );
  if (code !== 0) {
    throw new Error(
      `Cannot format ${name}: ${stderr.trim()}; fix the notebook's JSON`,
    );
  }
  return stdout;
}

/**
 * Finds the notebooks whose text differs from what the formatter makes of it.
 *
 * @param paths `.ipynb` files; default every notebook in `notebooks/`.
 * @returns The paths that are not formatted, in the order given.
 */
export async function unformattedNotebooks(paths: readonly string[] = allNotebooks()): Promise<string[]> {
  const unformatted: string[] = [];
  for (const path of paths) {
    const text = await Deno.readTextFile(path);
    if (await formatNotebookText(text, path) !== text) unformatted.push(path);
  }
  return unformatted;
}

function allNotebooks(): string[] {
  return notebookNames().map((name) => `${NOTEBOOKS_DIR}/${name}.ipynb`);
}

if (import.meta.main) {
  const check = Deno.args.includes("--check");
  const unformatted = await unformattedNotebooks();
  if (check) {
    for (const path of unformatted) console.error(`not formatted: ${path}`);
    if (unformatted.length > 0) {
      console.error(`${unformatted.length} notebook(s) not formatted; run \`deno task fmt\``);
      Deno.exit(1);
    }
  } else {
    for (const path of unformatted) {
      await Deno.writeTextFile(path, await formatNotebookText(await Deno.readTextFile(path), path));
      console.log(`formatted ${path}`);
    }
  }
}
