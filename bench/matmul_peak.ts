/**
 * The machine's limit on a backend: GFLOP/s of a large float32 matrix product, the best case for any kernel.
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/**
 * Best GFLOP/s of `size x size` times `size x size` on the active backend, over `repeats` runs after one
 * warm-up, each from upload-free inputs to the product read back.
 *
 * @param size Matrix side (1024 gives 2.1 GFLOP per product).
 * @param repeats Timed runs.
 * @returns GFLOP/s (2 size^3 FLOPs per product).
 */
export async function matmulPeakGflops(size: number, repeats = 3): Promise<number> {
  const a = tf.randomNormal([size, size], 0, 1, "float32", 1) as tf.Tensor2D;
  const b = tf.randomNormal([size, size], 0, 1, "float32", 2) as tf.Tensor2D;
  await Promise.all([a.data(), b.data()]);
  let best = Infinity;
  for (let r = 0; r <= repeats; r++) {
    const start = performance.now();
    const product = tf.matMul(a, b);
    await product.data();
    product.dispose();
    if (r > 0) best = Math.min(best, performance.now() - start);
  }
  tf.dispose([a, b]);
  return (2 * size ** 3) / (best / 1000) / 1e9;
}
