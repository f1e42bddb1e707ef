/**
 * Saving and loading a trained network (plan, method switches and weights) as one file.
 * @module
 */
import type { EncodingConfig } from "../config/run_config.ts";
import { atomicWrite } from "../util/atomic_write.ts";
import { encodeTensorFile, readTensorFile } from "../util/tensor_file.ts";
import type { BlockWeights } from "./asge_block.ts";
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

/**
 * Adds one block's weights to named arrays: `block<l>.kernel`, `.bias`, `.projection`, `.projectionBias`, and
 * `block<l>.conv<i>.kernel` / `.bias` for its second and later convs (i >= 1; none for a one-conv block).
 *
 * @param arrays Where to add them.
 * @param l The block's 0-based index.
 * @param weights Its weights.
 */
export function addBlockArrays(arrays: Map<string, Float32Array>, l: number, weights: BlockWeights): void {
  arrays.set(`block${l}.kernel`, weights.kernel);
  arrays.set(`block${l}.bias`, weights.bias);
  arrays.set(`block${l}.projection`, weights.projection);
  arrays.set(`block${l}.projectionBias`, weights.projectionBias);
  weights.innerKernels?.forEach((kernel, i) => {
    arrays.set(`block${l}.conv${i + 1}.kernel`, kernel);
    arrays.set(`block${l}.conv${i + 1}.bias`, weights.innerBiases![i]);
  });
}

/**
 * Reads back one block's weights that {@linkcode addBlockArrays} wrote. Inner convs are read while present, so
 * arrays written before blocks had several convs load as one-conv blocks; `AsgeBlock.load` refuses a count
 * that differs from the plan.
 *
 * @param arrays The named arrays.
 * @param l The block's 0-based index.
 * @param missing The error for a missing array (default: `saved weights lack "<key>"`).
 * @returns The block's weights.
 */
export function blockWeightsFromArrays(
  arrays: ReadonlyMap<string, Float32Array>,
  l: number,
  missing: (key: string) => Error = (key) => new Error(`saved weights lack "${key}"`),
): BlockWeights {
  const get = (key: string) => {
    const a = arrays.get(key);
    if (!a) throw missing(key);
    return a;
  };
  const weights: BlockWeights = {
    kernel: get(`block${l}.kernel`),
    bias: get(`block${l}.bias`),
    projection: get(`block${l}.projection`),
    projectionBias: get(`block${l}.projectionBias`),
  };
  const innerKernels: Float32Array[] = [], innerBiases: Float32Array[] = [];
  for (let i = 1; arrays.has(`block${l}.conv${i}.kernel`); i++) {
    innerKernels.push(get(`block${l}.conv${i}.kernel`));
    innerBiases.push(get(`block${l}.conv${i}.bias`));
  }
  return innerKernels.length === 0 ? weights : { ...weights, innerKernels, innerBiases };
}

/** Flattens network weights into named arrays, in block order (see {@linkcode addBlockArrays}). */
export function weightArrays(weights: NetworkWeights): Map<string, Float32Array> {
  const arrays = new Map<string, Float32Array>();
  weights.blocks.forEach((b, l) => addBlockArrays(arrays, l, b));
  return arrays;
}

/** Reads back what {@linkcode weightArrays} wrote for `blocks` blocks. */
export function weightsFromArrays(arrays: ReadonlyMap<string, Float32Array>, blocks: number): NetworkWeights {
  return { blocks: Array.from({ length: blocks }, (_, l) => blockWeightsFromArrays(arrays, l)) };
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
