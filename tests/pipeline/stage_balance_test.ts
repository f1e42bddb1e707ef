import assert from "node:assert/strict";
import { balancedSplit, evenSplit } from "../../lib/pipeline/stage_balance.ts";
import { SeededRandom } from "../../lib/util/seeded_random.ts";

/** Every way to cut `n` blocks into `k` contiguous non-empty groups. */
function* cuts(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 1) {
    yield [n];
    return;
  }
  for (let end = from + 1; end <= n - k + 1; end++) {
    for (const rest of cuts(n, k - 1, end)) yield [end, ...rest];
  }
}

Deno.test("balancedSplit() finds the split with the smallest slowest stage (checked against every split)", () => {
  const random = new SeededRandom(5);
  for (let trial = 0; trial < 30; trial++) {
    const costs = Array.from({ length: 2 + (trial % 5) }, () => 1 + random.next() * 9);
    for (let k = 1; k <= costs.length; k++) {
      const ranges = balancedSplit(costs, k);
      assert.equal(ranges.length, k);
      assert.equal(ranges[0][0], 0);
      assert.equal(ranges[k - 1][1], costs.length);
      ranges.forEach(([a, b], s) => {
        assert.ok(b > a);
        if (s > 0) assert.equal(a, ranges[s - 1][1]);
      });
      const cost = (r: readonly (readonly [number, number])[]) =>
        Math.max(...r.map(([a, b]) => costs.slice(a, b).reduce((x, y) => x + y, 0)));
      let best = Infinity;
      for (const ends of cuts(costs.length, k)) {
        best = Math.min(best, cost(ends.map((e, i) => [i ? ends[i - 1] : 0, e] as const)));
      }
      assert.ok(Math.abs(cost(ranges) - best) < 1e-9, `${costs} into ${k}: ${cost(ranges)} vs ${best}`);
    }
  }
});

Deno.test("evenSplit() gives every stage floor or ceil of blocks/stages, and refuses more stages than blocks", () => {
  assert.deepEqual(evenSplit(5, 3), [[0, 2], [2, 4], [4, 5]]);
  assert.deepEqual(evenSplit(3, 3), [[0, 1], [1, 2], [2, 3]]);
  assert.throws(() => evenSplit(3, 4), /cannot split 3 blocks into 4 stages/);
  assert.throws(() => balancedSplit([1, 2], 0), /use 1 to 2 stages/);
});
