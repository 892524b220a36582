import { describe, expect, it } from 'vitest';
import { dropOutliersBatch } from '../../src/operators/dropOutliers.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('dropOutliers', () => {
  it('drops rows with any bounded value outside its bounds, keeping nulls', () => {
    const batch = batchOf({ a: [1, 100, 2, null], b: [5, 5, -50, 5] });
    const out = dropOutliersBatch(batch, { a: { low: 0, high: 10 }, b: { low: 0, high: 10 } });
    expect(columnsOf(out)).toEqual({ a: [1, null], b: [5, 5] });
  });
});
