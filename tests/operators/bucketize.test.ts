import { describe, expect, it } from 'vitest';
import { bucketize, bucketizeBatch } from '../../src/operators/bucketize.js';
import type { StatefulStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('bucketize', () => {
  it('maps values to the number of boundaries at or below them; nulls stay null', () => {
    const out = bucketizeBatch(batchOf({ x: [-1, 18, 29.9, 30, 99, null] }), 'x', [18, 30, 65]);
    expect(columnsOf(out)).toEqual({ x: [0, 1, 1, 2, 3, null] });
  });

  it('fits equal-frequency boundaries from the quantile sketch', () => {
    const stage = bucketize({ column: 'x', quantiles: 4 }).stage as StatefulStage<readonly number[]>;
    const accumulator = stage.createAccumulator(batchOf({ x: [1] }).schema);
    accumulator.update(batchOf({ x: Array.from({ length: 100 }, (_, i) => i + 1) }));
    expect(accumulator.finalize()).toEqual([25, 50, 75]);
  });

  it('rejects unsorted boundaries', () => {
    expect(() => bucketize({ column: 'x', boundaries: [3, 1] })).toThrow(/strictly increasing/);
  });
});
