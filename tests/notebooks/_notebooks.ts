/**
 * Private helpers of the notebook tests and tasks: where the notebooks are, reading them, and joining a
 * notebook's code cells into one TypeScript module that `deno check` can type-check (the kernel does not).
 * @module
 */

/** The repository root. */
export const ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
/** The notebooks folder. */
export const NOTEBOOKS_DIR = `${ROOT}/notebooks`;
/** Where joined code is written for `deno check` (gitignored). */
export const CHECKED_DIR = `${NOTEBOOKS_DIR}/.checked`;

/** The parts of an .ipynb file these helpers read. */
export interface Notebook {
  readonly cells: readonly NotebookCell[];
  readonly metadata: Record<string, unknown>;
}

/** One cell of an .ipynb file. */
export interface NotebookCell {
  readonly cell_type: "code" | "markdown" | "raw";
  readonly source: string | readonly string[];
  readonly execution_count?: number | null;
  readonly outputs?: readonly NotebookOutput[];
  readonly metadata?: Record<string, unknown>;
}

/** One output of a code cell. */
export interface NotebookOutput {
  readonly output_type: "stream" | "display_data" | "execute_result" | "error" | "update_display_data";
  readonly name?: string;
  readonly text?: string | readonly string[];
  readonly data?: Record<string, unknown>;
  readonly ename?: string;
  readonly evalue?: string;
  readonly traceback?: readonly string[];
}

/** @returns The names (without `.ipynb`) of the notebooks in `notebooks/`, sorted. */
export function notebookNames(): string[] {
  return [...Deno.readDirSync(NOTEBOOKS_DIR)]
    .filter((e) => e.isFile && e.name.endsWith(".ipynb"))
    .map((e) => e.name.replace(/\.ipynb$/, ""))
    .sort();
}

/** Reads and parses an .ipynb file. */
export function readNotebook(path: string): Notebook {
  const notebook = JSON.parse(Deno.readTextFileSync(path)) as Notebook;
  if (!Array.isArray(notebook.cells)) throw new Error(`${path} is not a notebook: it has no "cells" list`);
  return notebook;
}

/** A cell's source as one string. */
export function cellSource(cell: NotebookCell): string {
  return typeof cell.source === "string" ? cell.source : cell.source.join("");
}

/**
 * Joins the code cells of a notebook into a module, each cell after a `// cell N` comment, with relative
 * import specifiers moved down one folder (the module lives in `notebooks/.checked/`).
 */
export function notebookToTypeScript(notebook: Notebook, name: string): string {
  const cells = notebook.cells.filter((c) => c.cell_type === "code");
  const relocated = cells.map((cell, i) => {
    const source = cellSource(cell).replace(
      /((?:from|import)\s*\(?\s*)(["'])(\.\.?\/)/g,
      (_, head: string, quote: string, dots: string) => `${head}${quote}${dots === "./" ? "../" : "../../"}`,
    );
    return `// cell ${i + 1}\n${source}\n`;
  });
  return `// Generated from notebooks/${name}.ipynb for type-checking; do not edit.\n${
    relocated.join("\n")
  }` +
    "export {};\n";
}

/** Counts a notebook's outputs by MIME type (display data) or output type (streams, errors). */
export function outputCounts(notebook: Notebook): Map<string, number> {
  const counts = new Map<string, number>();
  for (const cell of notebook.cells) {
    for (const output of cell.outputs ?? []) {
      const keys = output.data ? Object.keys(output.data) : [output.output_type];
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}
