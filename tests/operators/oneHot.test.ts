import { describe, expect, it } from 'vitest';
import { oneHot, oneHotBatch, type Vocabulary } from '../../src/operators/oneHot.js';
import type { StatefulStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

const options = { column: 'c', maxCategories: 2 };

function fit(parts: (string | null)[][], opts = options): Vocabulary {
  const stage = oneHot(opts).stage as StatefulStage<Vocabulary, unknown>;
  const merged = stage.createAccumulator(batchOf({ c: ['x'] }).schema);
  for (const part of parts) {
    const accumulator = stage.createAccumulator(batchOf({ c: ['x'] }).schema);
    accumulator.update(batchOf({ c: part }));
    merged.merge(accumulator.partial());
  }
  return merged.finalize();
}

describe('oneHot', () => {
  it('fits the most frequent categories, ties by text, from merged partial counts', () => {
    expect(fit([['b', 'a', null], ['c', 'a', 'b', 'c']])).toEqual({ categories: ['a', 'b'] });
    expect(fit([['r', 'r', 's', 't', 't']], { column: 'c', maxCategories: 5, minFrequency: 2 } as never)).toEqual({ categories: ['r', 't'] });
  });

  it('encodes into fixed columns with an unknown slot for unseen, rare and null values', () => {
    const out = oneHotBatch(batchOf({ id: [1, 2, 3, 4], c: ['b', 'a', 'zzz', null] }), options, { categories: ['a', 'b'] });
    expect(columnsOf(out)).toEqual({ id: [1, 2, 3, 4], 'c#0': [0, 1, 0, 0], 'c#1': [1, 0, 0, 0], 'c#unknown': [0, 0, 1, 1] });
  });

  it('declares its output schema before any fit', () => {
    const stage = oneHot(options).stage as StatefulStage;
    expect(stage.outputSchema(batchOf({ id: [1], c: ['x'] }).schema).fields.map((f) => f.name)).toEqual(['id', 'c#0', 'c#1', 'c#unknown']);
  });
});
