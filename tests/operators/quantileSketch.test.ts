import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySketch, sketchMerge, sketchQuantile, sketchUpdate } from '../../src/operators/quantileSketch.js';
import { createRng } from '../../src/train/random.js';

/** The rank of `value` in sorted `data`, as a fraction (values equal to it count half). */
function rank(sorted: Float64Array, value: number): [number, number] {
  let below = 0;
  let equal = 0;
  for (const v of sorted) {
    if (v < value) below++;
    else if (v === value) equal++;
  }
  return [below / sorted.length, (below + equal) / sorted.length];
}

function data(n: number, seed: number, kind: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => (kind === 0 ? rng.next() : kind === 1 ? Math.exp(8 * rng.next()) : Math.floor(rng.next() * 20)));
}

describe('quantile sketch', () => {
  it('answers quantiles within 1% rank error of the exact ones, merged from random splits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 60_000 }), fc.integer(), fc.constantFrom(0, 1, 2), fc.integer({ min: 1, max: 12 }), (n, seed, kind, parts) => {
        const values = data(n, seed, kind);
        const merged = emptySketch();
        const size = Math.ceil(n / parts);
        for (let p = 0; p < parts; p++) {
          const part = emptySketch();
          sketchUpdate(part, values.subarray(p * size, (p + 1) * size));
          sketchMerge(merged, part);
        }
        expect(merged.count).toBe(n);
        const sorted = Float64Array.from(values).sort();
        for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
          const [low, high] = rank(sorted, sketchQuantile(merged, q));
          // q lies within the value's rank interval, give or take 1%.
          expect(q).toBeGreaterThanOrEqual(low - 0.01);
          expect(q).toBeLessThanOrEqual(high + 0.01);
        }
        expect(merged.levels.reduce((s, l) => s + l.length, 0)).toBeLessThan(3 * 400);
      }),
      { numRuns: 30 },
    );
  });

  it('is deterministic: the same inputs in the same order give the same sketch', () => {
    const values = data(20_000, 5, 1);
    const build = () => {
      const s = emptySketch();
      for (let i = 0; i < values.length; i += 1000) sketchUpdate(s, values.subarray(i, i + 1000));
      return s;
    };
    expect(build()).toEqual(build());
  });

  it('skips nulls and NaN', () => {
    const s = emptySketch();
    sketchUpdate(s, [1, 100, NaN, 3], { bitmap: Uint8Array.from([0b1101]), offset: 0 });
    expect(s.count).toBe(2);
    expect(sketchQuantile(s, 1)).toBe(3);
  });
});
