import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyWelford, populationVariance, welfordMerge, welfordUpdate } from '../../src/operators/welford.js';

function naive(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, variance };
}

/** |a - b| within `tolerance` relative to `scale`, the magnitude the result is conditioned on. */
const relativeClose = (a: number, b: number, scale: number, tolerance = 1e-12) => Math.abs(a - b) <= tolerance * scale + 1e-300;
const maxAbs = (xs: number[]) => Math.max(...xs.map(Math.abs));
const sumSquares = (xs: number[]) => xs.reduce((s, x) => s + x * x, 0);

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 });
const offset = fc.constantFrom(0, 1e3, 1e6);

describe('welford', () => {
  it('matches a naive two-pass mean and population variance within 1e-12 relative', () => {
    fc.assert(
      fc.property(values, offset, (xs, shift) => {
        const data = xs.map((x) => x + shift);
        const state = emptyWelford(1);
        welfordUpdate(state, 0, Float64Array.from(data));
        const expected = naive(data);
        expect(state.count[0]).toBe(data.length);
        expect(relativeClose(state.mean[0]!, expected.mean, maxAbs(data))).toBe(true);
        expect(relativeClose(populationVariance(state, 0), expected.variance, sumSquares(data) / data.length)).toBe(true);
      }),
    );
  });

  it('merging random splits (empty ones included), in any order, equals the whole', () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(), { maxLength: 8 }), fc.integer(), (xs, cuts, seed) => {
        const whole = emptyWelford(1);
        welfordUpdate(whole, 0, Float64Array.from(xs));
        const points = [0, ...cuts.map((c) => c % (xs.length + 1)).sort((a, b) => a - b), xs.length];
        const parts = points.slice(1).map((end, i) => {
          const part = emptyWelford(1);
          welfordUpdate(part, 0, Float64Array.from(xs.slice(points[i], end)));
          return part;
        });
        // a seeded permutation of the partials
        const order = parts.map((_, i) => i).sort((a, b) => ((a * 2654435761 + seed) % 97) - ((b * 2654435761 + seed) % 97));
        const merged = emptyWelford(1);
        for (const i of order) welfordMerge(merged, parts[i]!);
        expect(merged.count[0]).toBe(whole.count[0]);
        expect(relativeClose(merged.mean[0]!, whole.mean[0]!, maxAbs(xs))).toBe(true);
        expect(relativeClose(merged.m2[0]!, whole.m2[0]!, sumSquares(xs))).toBe(true);
      }),
    );
  });

  it('skips null values using the validity bitmap', () => {
    const state = emptyWelford(1);
    // valid: rows 0 and 2 (bits 0b101)
    welfordUpdate(state, 0, Float64Array.from([1, 1000, 3]), { bitmap: Uint8Array.from([0b101]), offset: 0 });
    expect(state.count[0]).toBe(2);
    expect(state.mean[0]).toBe(2);
    expect(populationVariance(state, 0)).toBe(1);
  });

  it('reports NaN variance for a column with no values', () => {
    expect(populationVariance(emptyWelford(1), 0)).toBeNaN();
  });
});
