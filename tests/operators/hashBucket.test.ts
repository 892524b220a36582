import { describe, expect, it } from 'vitest';
import { hashBucketBatch } from '../../src/operators/hashBucket.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('hashBucket', () => {
  it('maps equal values to equal stable bucket ids in range; nulls stay null', () => {
    const out = columnsOf(hashBucketBatch(batchOf({ c: ['a', 'b', 'a', null] }), 'c', 7)).c!;
    expect(out[0]).toBe(out[2]);
    expect(out[3]).toBeNull();
    for (const id of out.slice(0, 3)) expect(Number.isInteger(id) && (id as number) >= 0 && (id as number) < 7).toBe(true);
    // FNV-1a of "a" is 0xe40c292c: stable across runs and machines.
    expect(out[0]).toBe(0xe40c292c % 7);
  });

  it('spreads many values across the buckets', () => {
    const values = Array.from({ length: 2000 }, (_, i) => `user-${i}`);
    const ids = columnsOf(hashBucketBatch(batchOf({ c: values }), 'c', 10)).c as number[];
    const counts = Array.from({ length: 10 }, (_, b) => ids.filter((id) => id === b).length);
    expect(Math.min(...counts)).toBeGreaterThan(120);
  });
});
