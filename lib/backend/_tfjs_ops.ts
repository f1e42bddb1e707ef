/**
 * Private: registers tfjs's gradient functions (which `tf.grad` and the optimizers need) and its chained tensor
 * methods (`x.sum()`, `x.reshape()`), when a backend is chosen rather than when asge is imported.
 *
 * tfjs-core's Node entry, which the library imports, has neither: they ship only as ES modules
 * (`dist/register_all_gradients.js`, `dist/public/chained_ops/register_all_chained_ops.js`) whose relative
 * imports have no file extension, which Deno cannot load. The `@tensorflow/tfjs` union's Node bundle inlines
 * both and registers them on import, together with the cpu backend's factory (it starts no backend), so
 * {@linkcode useBackend} imports it, and after that call tfjs behaves as it does for anyone who imports the
 * union.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/**
 * Makes sure tfjs's gradients and chained tensor methods are registered (once per process).
 *
 * @returns When `tf.grad` can differentiate tfjs's ops and tensors have their chained methods.
 * @throws Error when the package loaded but registered no gradient (two tfjs versions in the import map).
 */
export async function registerTfjsOps(): Promise<void> {
  if (tf.getGradient("Conv2D") !== undefined && "sum" in tf.Tensor.prototype) return;
  await import("@tensorflow/tfjs");
  if (tf.getGradient("Conv2D") === undefined || !("sum" in tf.Tensor.prototype)) {
    throw new Error(
      `@tensorflow/tfjs registered no gradient or chained method for tfjs-core ${tf.version_core}: ` +
        `pin @tensorflow/tfjs and @tensorflow/tfjs-core to the same version in deno.json`,
    );
  }
}
