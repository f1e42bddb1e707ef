import assert from "node:assert/strict";
import { ChunkAssembler, splitChunks } from "../../lib/pipeline/frame_chunks.ts";
import { decodeFrame, encodeFrame } from "../../lib/pipeline/frame_codec.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

const random = new SeededRandom(3);
const values = Float32Array.from({ length: 10_001 }, () => random.nextNormal() * 3);

Deno.test("encodeFrame() keeps float32 arrays bit for bit and the header as given", () => {
  const frame = decodeFrame<{ seq: number; name: string }>(
    encodeFrame({ seq: 9, name: "x" }, new Map([["a", values], ["b", new Float32Array(3)]])),
  );
  assert.deepEqual(frame.header, { seq: 9, name: "x" });
  assert.deepEqual(frame.arrays.get("a"), values);
  assert.deepEqual(frame.arrays.get("b"), new Float32Array(3));
});

Deno.test("encodeFrame() as float16 halves the bytes and keeps about 3 significant digits", () => {
  const full = encodeFrame({}, new Map([["x", values]]));
  const half = encodeFrame({}, new Map([["x", values]]), new Set(["x"]));
  assert.ok(half.length < full.length * 0.51, `${half.length} vs ${full.length}`);
  const back = decodeFrame(half).arrays.get("x")!;
  values.forEach((v, i) =>
    assert.ok(Math.abs(back[i] - v) <= Math.abs(v) * 2 ** -11 + 1e-7, `${v} -> ${back[i]}`)
  );
});

Deno.test("decodeFrame() rejects bytes that are not a frame or are cut short", () => {
  assert.throws(() => decodeFrame(new Uint8Array(40)), /bad magic/);
  const bytes = encodeFrame({}, new Map([["x", values]]));
  assert.throws(() => decodeFrame(bytes.subarray(0, bytes.length - 8)), /runs past/);
});

Deno.test("ChunkAssembler joins chunks of any alignment and restarts a frame resent from chunk 0", () => {
  const bytes = encodeFrame({ k: 1 }, new Map([["x", values]]));
  const chunks = splitChunks(bytes, 1001);
  assert.equal(chunks.length, Math.ceil(bytes.length / 1001));
  const assembler = new ChunkAssembler();
  // A publisher that died after two chunks and sent the frame again from the start.
  assert.equal(assembler.add("f", 0, chunks.length, chunks[0]), undefined);
  assert.equal(assembler.add("f", 1, chunks.length, chunks[1]), undefined);
  let whole: Uint8Array | undefined;
  chunks.forEach((c, i) => whole = assembler.add("f", i, chunks.length, c) ?? whole);
  assert.deepEqual(decodeFrame(whole!).arrays.get("x"), values);
  // A stray tail of a frame whose start was never seen is dropped.
  assert.equal(assembler.add("g", 1, 2, chunks[1]), undefined);
});
