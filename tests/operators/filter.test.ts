import { describe, expect, it } from 'vitest';
import { filterBatch } from '../../src/operators/filter.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('filter', () => {
  const batch = batchOf({ age: [15, 30, null, 45], s: ['a', 'b', 'c', 'd'] });
  const adults = ({ age }: Readonly<Record<string, Float64Array>>, n: number) => Uint8Array.from({ length: n }, (_, i) => +(age![i]! >= 18));

  it('keeps rows where the vectorised predicate holds; a null reads as NaN', () => {
    expect(columnsOf(filterBatch(batch, ['age'], adults))).toEqual({ age: [30, 45], s: ['b', 'd'] });
  });

  it('returns the batch itself when every row passes', () => {
    const all = batchOf({ age: [20, 21] });
    expect(filterBatch(all, ['age'], adults)).toBe(all);
  });
});
