import { describe, expect, it } from 'vitest';
import { log1pBatch } from '../../src/operators/log1p.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('log1p', () => {
  it('applies Math.log1p, keeps nulls and other columns', () => {
    const out = log1pBatch(batchOf({ x: [0, Math.E - 1, null], s: ['a', 'b', 'c'] }), ['x']);
    expect(columnsOf(out)).toEqual({ x: [0, 1, null], s: ['a', 'b', 'c'] });
  });
});
