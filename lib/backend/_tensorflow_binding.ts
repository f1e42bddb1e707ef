/**
 * Private: loads the libtensorflow binding (tfjs-node) if the project has one, without naming it statically.
 * @module
 */

/** The GPU build first: where it loads, it is the faster one. */
const PACKAGES = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"] as const;

/** The result of {@linkcode importTensorflowBinding}. */
export type TensorflowBinding =
  | { readonly loaded: true; readonly packageName: string }
  | { readonly loaded: false; readonly reason: string; readonly cause: unknown };

/**
 * Why an import failed, in a few words (the raw errors carry multi-line stacks and paths).
 *
 * @param error What `import()` threw.
 * @returns A short phrase.
 */
function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/not a dependency|not in import map|cannot find|not found|ERR_MODULE_NOT_FOUND/i.test(text)) {
    return "not installed";
  }
  if (/ffi/i.test(text)) return "needs --allow-ffi";
  if (/libtensorflow|\.so|dlopen|napi|addon/i.test(text)) return "its native libtensorflow did not load";
  const first = text.split("\n")[0];
  return first.length > 80 ? `${first.slice(0, 77)}...` : first;
}

/**
 * Tries `@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node`. The specifier is a variable so that
 * neither `deno check` nor module loading requires the packages: only this call does.
 *
 * @returns Which package loaded (it registers the "tensorflow" backend), or a one-line reason for each failure.
 */
export async function importTensorflowBinding(): Promise<TensorflowBinding> {
  const failures: string[] = [];
  const causes: unknown[] = [];
  for (const packageName of PACKAGES) {
    try {
      await import(packageName);
      return { loaded: true, packageName };
    } catch (error) {
      failures.push(`${packageName}: ${shortReason(error)}`);
      causes.push(error);
    }
  }
  const reason = failures.every((f) => f.endsWith(": not installed"))
    ? `neither ${PACKAGES.join(" nor ")} is installed`
    : failures.join("; ");
  return { loaded: false, reason, cause: new AggregateError(causes, failures.join("; ")) };
}

/**
 * How to make the tensorflow backend loadable, as the tail of one sentence.
 *
 * @returns The install hint shown when neither binding loads.
 */
export function tensorflowInstallHint(): string {
  return 'add "npm:@tensorflow/tfjs-node" (or "-gpu", which needs CUDA 11.2 and cuDNN 8.1) to the deno.json ' +
    'imports with "nodeModulesDir": "auto", run `deno install --allow-scripts=npm:@tensorflow/tfjs-node` ' +
    "(offline: set TFJS_NODE_BASE_URI or pre-place libtensorflow in its deps/lib), then run with --allow-ffi";
}
