/**
 * Private: the parts of tfjs's kernel types that asge's kernels use, declared here so that `deno doc --lint`
 * can see every type in their signatures (it cannot follow types into an npm package). tfjs's own objects fit
 * these shapes; `register_kernels.ts` converts at the one place where they meet the registry.
 * @module
 */

/** A tensor as a kernel sees it (tfjs `TensorInfo`): a handle to backend data, its shape and dtype. */
export interface TensorInfo {
  /** The backend's key for the data. */
  readonly dataId: object;
  /** The shape, e.g. [N, H, W, C]. */
  shape: number[];
  /** "float32" for everything asge's kernels touch. */
  readonly dtype: string;
}

/** The one method asge's kernels need from a tfjs `KernelBackend`. */
export interface KernelBackend {
  /**
   * Drops one reference to data; frees it when none is left.
   * @param dataId The data's key.
   * @returns Whether the memory was freed.
   */
  disposeData(dataId: object): boolean;
}

/** What tfjs passes a kernel (tfjs `KernelFunc` parameters). */
export interface KernelArgs {
  /** The named inputs. */
  readonly inputs: Record<string, TensorInfo>;
  /** The backend the kernel runs on. */
  readonly backend: KernelBackend;
  /** The kernel's attributes. */
  readonly attrs?: Record<string, unknown>;
}

/** A kernel registration (tfjs `KernelConfig`). */
export interface KernelConfig {
  /** tfjs kernel name, e.g. "Conv2DBackpropFilter". */
  readonly kernelName: string;
  /** tfjs backend name, e.g. "wasm". */
  readonly backendName: string;
  /** The implementation. */
  readonly kernelFunc: (args: KernelArgs) => TensorInfo | TensorInfo[];
}

/** The part of tfjs's `Conv2DInfo` (the geometry of a forward convolution) the gradient kernels read. */
export interface ConvGeometry {
  /** N. */
  readonly batchSize: number;
  /** H of the input. */
  readonly inHeight: number;
  /** W of the input. */
  readonly inWidth: number;
  /** C_in. */
  readonly inChannels: number;
  /** Ho. */
  readonly outHeight: number;
  /** Wo. */
  readonly outWidth: number;
  /** C_out. */
  readonly outChannels: number;
  /** kh. */
  readonly filterHeight: number;
  /** kw. */
  readonly filterWidth: number;
  /** sh. */
  readonly strideHeight: number;
  /** sw. */
  readonly strideWidth: number;
  /** The padding resolved to rows and columns added on each side. */
  readonly padInfo: {
    readonly top: number;
    readonly bottom: number;
    readonly left: number;
    readonly right: number;
  };
}
