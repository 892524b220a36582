import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryMetrics, rocAuc } from '../../src/train/metrics.js';

/** AUC by definition: the share of (positive, negative) pairs ranked correctly, ties half. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((sp, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((sn, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('metrics', () => {
  it('rocAuc equals the pairwise definition, ties included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.constantFrom(0, 1)), { minLength: 2, maxLength: 60 }), (pairs) => {
        const scores = pairs.map(([s]) => s / 10);
        const labels = pairs.map(([, l]) => l);
        if (!labels.includes(0) || !labels.includes(1)) return;
        expect(rocAuc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
      }),
    );
  });

  it('the streaming (binned) AUC is within its documented bound of the exact one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)), { minLength: 2, maxLength: 500 }), (pairs) => {
        const scores = pairs.map(([s]) => s);
        const labels = pairs.map(([, l]) => l);
        if (!labels.includes(0) || !labels.includes(1)) return;
        const m = new BinaryMetrics();
        m.add(scores, labels);
        // Bound: half the share of (positive, negative) pairs whose scores fall in one bin.
        const bin = (x: number) => Math.min(65535, Math.floor(x * 65536));
        let sameBin = 0;
        let pairsTotal = 0;
        scores.forEach((sp, i) => {
          if (labels[i] !== 1) return;
          scores.forEach((sn, j) => {
            if (labels[j] !== 0) return;
            pairsTotal++;
            if (bin(sp) === bin(sn)) sameBin++;
          });
        });
        expect(Math.abs(m.auc() - rocAuc(scores, labels))).toBeLessThanOrEqual(sameBin / pairsTotal / 2 + 1e-12);
      }),
    );
  });

  it('computes clipped binary cross-entropy and accuracy', () => {
    const m = new BinaryMetrics();
    m.add([0.9, 0.2, 0.6, 0], [1, 0, 0, 0]);
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(1 - 1e-7)) / 4;
    expect(m.loss()).toBeCloseTo(expected, 6);
    expect(m.accuracy()).toBe(0.75);
    expect(m.rows).toBe(4);
  });
});
