import { describe, expect, it } from 'vitest';
import { mutate, mutateBatch } from '../../src/operators/mutate.js';
import type { StatelessStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

const ratio = {
  from: ['debt', 'income'],
  compute: ({ debt, income }: Readonly<Record<string, Float64Array>>, n: number) => Float64Array.from({ length: n }, (_, i) => debt![i]! / income![i]!),
};

describe('mutate', () => {
  it('adds a derived Float64 column from whole columns', () => {
    const out = mutateBatch(batchOf({ debt: [1, 3], income: [2, 4] }), { ratio });
    expect(columnsOf(out)).toEqual({ debt: [1, 3], income: [2, 4], ratio: [0.5, 0.75] });
  });

  it('declares its output and its inputs to the planner', () => {
    const batch = batchOf({ debt: [1], income: [2], other: [3] });
    const stage = mutate({ ratio }).stage as StatelessStage;
    expect(stage.outputSchema(batch.schema).fields.map((f) => f.name)).toEqual(['debt', 'income', 'other', 'ratio']);
    expect(stage.inputColumns(new Set(['ratio']), batch.schema)).toEqual(new Set(['debt', 'income']));
  });

  it('rejects a result of the wrong length', () => {
    expect(() => mutateBatch(batchOf({ a: [1, 2] }), { b: { from: ['a'], compute: () => new Float64Array(1) } })).toThrow(/must return a Float64Array of 2 values/);
  });
});
