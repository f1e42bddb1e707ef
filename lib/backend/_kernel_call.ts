/**
 * Private helpers for kernels built from other kernels. They work below the engine, on `TensorInfo`s: nothing
 * here creates a `tf.Tensor`, so nothing is tracked by `tf.memory()` and every intermediate must be released.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { KernelBackend, KernelConfig, TensorInfo } from "./_kernel_types.ts";

/** Kernels that ours replaced, keyed by `${backendName}/${kernelName}`, so ours can still reach them. */
const replaced = new Map<string, KernelConfig>();

/**
 * Remembers the kernel that a replacement is about to shadow.
 *
 * @param config The backend's own kernel, read with `tf.getKernel` before it was unregistered.
 */
export function rememberReplacedKernel(config: KernelConfig): void {
  replaced.set(`${config.backendName}/${config.kernelName}`, config);
}

/**
 * The kernel that a replacement shadows, if any.
 *
 * @param backendName A tfjs backend name.
 * @param kernelName A tfjs kernel name.
 * @returns The backend's own kernel, or undefined where asge replaced none.
 */
export function replacedKernel(backendName: string, kernelName: string): KernelConfig | undefined {
  return replaced.get(`${backendName}/${kernelName}`);
}

/**
 * Runs the active backend's own kernel `kernelName` (the one tfjs shipped, even where asge replaced it).
 *
 * @param kernelName A tfjs kernel name such as "Conv2D".
 * @param backend The backend passed to the calling kernel.
 * @param inputs Named inputs, as the kernel expects them.
 * @param attrs The kernel's attributes.
 * @returns The kernel's output; the caller owns it and must {@linkcode release} it or return it.
 */
export function callKernel(
  kernelName: string,
  backend: KernelBackend,
  inputs: Record<string, TensorInfo> | TensorInfo[],
  attrs: Record<string, unknown> = {},
): TensorInfo {
  const backendName = tf.getBackend();
  const kernel = replaced.get(`${backendName}/${kernelName}`) ??
    (tf.getKernel(kernelName, backendName) as unknown as KernelConfig | undefined);
  if (kernel === undefined) {
    throw new Error(
      `asge kernel needs "${kernelName}" on backend "${backendName}", which tfjs does not register`,
    );
  }
  return kernel.kernelFunc({ inputs: inputs as Record<string, TensorInfo>, backend, attrs }) as TensorInfo;
}

/**
 * Frees intermediates made by {@linkcode callKernel}.
 *
 * @param backend The backend that made them.
 * @param infos The tensors to free; each is released once.
 */
export function release(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/**
 * Reshapes without copying; the result is a new reference the caller owns (the backends count references).
 *
 * @param backend The active backend.
 * @param x The tensor.
 * @param shape The new shape, same size.
 * @returns `x` seen with `shape`.
 */
export function reshapeInfo(backend: KernelBackend, x: TensorInfo, shape: number[]): TensorInfo {
  return callKernel("Reshape", backend, { x }, { shape });
}

/**
 * Permutes the axes of `x`.
 *
 * @param backend The active backend.
 * @param x The tensor.
 * @param perm New axis order.
 * @returns A new tensor the caller owns.
 */
export function transposeInfo(backend: KernelBackend, x: TensorInfo, perm: number[]): TensorInfo {
  return callKernel("Transpose", backend, { x }, { perm });
}
