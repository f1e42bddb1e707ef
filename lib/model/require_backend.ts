/**
 * The sentence a user gets who makes a network before choosing a backend. Importing asge registers no backend
 * (a library's import has no side effects), so without `useBackend` tfjs would answer "No backend found in
 * registry."; with a backend package imported but none set, tfjs would pick one itself and, for cpu, print an
 * invitation to install tfjs-node, which asge does not need.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/** Thrown when asge is asked to make tensors and no TensorFlow.js backend is set. */
export class NoBackendError extends Error {
  /**
   * Builds the message: what needed a backend, and the call that sets one.
   *
   * @param what What needed the backend, e.g. "new AsgeNetwork()".
   */
  constructor(what: string) {
    super(
      `${what} needs a TensorFlow.js backend and none is set: call \`await useBackend("wasm")\` ` +
        `(or "cpu", "webgpu", "tensorflow", "auto") from asge's mod.ts first`,
    );
    this.name = "NoBackendError";
  }
}

/**
 * Throws {@linkcode NoBackendError} unless a backend is set (by `useBackend`, or by `tf.setBackend` directly).
 *
 * @param what What needs the backend, for the message.
 * @throws {NoBackendError} When `tf.getBackend()` names none.
 * @example The sentence a user sees who skips useBackend
 * ```ts
 * import { NoBackendError } from "./require_backend.ts";
 * const error = new NoBackendError("new AsgeNetwork()");
 * if (!error.message.startsWith("new AsgeNetwork() needs a TensorFlow.js backend")) throw new Error(error.message);
 * if (!error.message.includes("useBackend")) throw new Error(error.message);
 * ```
 */
export function requireBackend(what: string): void {
  // getBackend() reads the engine's current name without starting one (undefined until a backend is set).
  if (!tf.getBackend()) throw new NoBackendError(what);
}
