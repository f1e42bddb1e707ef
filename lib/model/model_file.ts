/**
 * Saving and loading a trained network (plan, method switches and weights) as one file.
 * @module
 */
import type { EncodingConfig } from "../config/run_config.ts";
import { atomicWrite } from "../util/atomic_write.ts";
import { encodeTensorFile, readTensorFile } from "../util/tensor_file.ts";
import { AsgeNetwork, type NetworkWeights } from "./asge_network.ts";
import type { NetworkPlan } from "./network_plan.ts";

/** Header of a saved model. */
export interface ModelHeader {
  /** Format marker. */
  readonly kind: "asge-model";
  /** The network's plan. */
  readonly plan: NetworkPlan;
  /** Method switches. */
  readonly encoding: EncodingConfig;
  /** The seed the projections were drawn from. */
  readonly seed: number;
  /** Free-form facts (dataset, normalisation, strategy, accuracy). */
  readonly meta: Record<string, unknown>;
}

/** Flattens network weights into named arrays, in block order. */
export function weightArrays(weights: NetworkWeights): Map<string, Float32Array> {
  const arrays = new Map<string, Float32Array>();
  weights.blocks.forEach((b, l) => {
    arrays.set(`block${l}.kernel`, b.kernel);
    arrays.set(`block${l}.bias`, b.bias);
    arrays.set(`block${l}.projection`, b.projection);
    arrays.set(`block${l}.projectionBias`, b.projectionBias);
  });
  return arrays;
}

/** Reads back what {@linkcode weightArrays} wrote for `blocks` blocks. */
export function weightsFromArrays(arrays: ReadonlyMap<string, Float32Array>, blocks: number): NetworkWeights {
  const get = (key: string) => {
    const a = arrays.get(key);
    if (!a) throw new Error(`saved weights lack "${key}"`);
    return a;
  };
  return {
    blocks: Array.from({ length: blocks }, (_, l) => ({
      kernel: get(`block${l}.kernel`),
      bias: get(`block${l}.bias`),
      projection: get(`block${l}.projection`),
      projectionBias: get(`block${l}.projectionBias`),
    })),
  };
}

/**
 * Encodes a network as the bytes of a model file (what {@linkcode saveNetwork} writes).
 *
 * @param network The network.
 * @param seed The seed it was built with.
 * @param meta Extra facts to record.
 * @returns The file's bytes.
 */
export async function encodeNetwork(
  network: AsgeNetwork,
  seed: number,
  meta: Record<string, unknown> = {},
): Promise<Uint8Array> {
  const header: ModelHeader = {
    kind: "asge-model",
    plan: network.plan,
    encoding: network.encoding,
    seed,
    meta,
  };
  return encodeTensorFile(header, weightArrays(await network.readWeights()));
}

/**
 * Saves a network atomically.
 *
 * @param path Target file (e.g. `model.asge`).
 * @param network The network.
 * @param seed The seed it was built with.
 * @param meta Extra facts to record.
 */
export async function saveNetwork(
  path: string,
  network: AsgeNetwork,
  seed: number,
  meta: Record<string, unknown> = {},
): Promise<void> {
  await atomicWrite(path, await encodeNetwork(network, seed, meta));
}

/**
 * Loads a network saved by {@linkcode saveNetwork}.
 *
 * @param path The file.
 * @returns The network and the header.
 */
export async function loadNetwork(path: string): Promise<{ network: AsgeNetwork; header: ModelHeader }> {
  const { header, arrays } = await readTensorFile<ModelHeader>(path);
  if (header?.kind !== "asge-model") {
    throw new Error(
      `"${path}" is not an asge model file (kind ${JSON.stringify(header?.kind)}); ` +
        `give a model.asge that saveNetwork wrote`,
    );
  }
  const network = new AsgeNetwork(header.plan, header.encoding, header.seed);
  try {
    network.writeWeights(weightsFromArrays(arrays, header.plan.blocks.length));
  } catch (error) {
    network.dispose();
    throw new Error(`"${path}" does not hold the weights its header describes: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { network, header };
}
