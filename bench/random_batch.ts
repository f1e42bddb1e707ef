/**
 * Random data for the bench: throughput does not depend on what the pixels are.
 * @module
 */
import type { HostBatch } from "../lib/data/batch_builder.ts";
import type { NetworkPlan } from "../lib/model/network_plan.ts";
import { SeededRandom } from "../lib/util/seeded_random.ts";

/**
 * A batch of standard-normal images (already "normalised") and uniform labels for a plan.
 *
 * @param plan The network's plan (input shape and class count).
 * @param size Images in the batch.
 * @param seed Seed of the values.
 * @returns A batch as the trainer hands it to a step engine.
 */
export function randomBatch(plan: NetworkPlan, size: number, seed: number): HostBatch {
  const random = new SeededRandom(seed);
  const [h, w, c] = plan.inputShape;
  const images = new Float32Array(size * h * w * c);
  for (let i = 0; i < images.length; i++) images[i] = random.nextNormal();
  const labels = Int32Array.from({ length: size }, () => random.nextInt(plan.numClasses));
  return { images, labels, size };
}
