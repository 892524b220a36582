import { describe, expect, it } from 'vitest';
import { select, selectBatch } from '../../src/operators/select.js';
import type { StatelessStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('select', () => {
  const batch = batchOf({ a: [1, 2], b: [3, 4], c: ['x', 'y'] });

  it('keeps the named columns in the given order, sharing buffers', () => {
    const out = selectBatch(batch, ['c', 'a']);
    expect(columnsOf(out)).toEqual({ c: ['x', 'y'], a: [1, 2] });
    expect(out.data.children[1]!.values).toBe(batch.data.children[0]!.values);
  });

  it('prunes to the columns needed downstream', () => {
    const stage = select(['a', 'b', 'c']).stage as StatelessStage;
    expect(stage.inputColumns(new Set(['b']), batch.schema)).toEqual(new Set(['b']));
    expect(columnsOf(stage.prune!(new Set(['b'])).apply(batch))).toEqual({ b: [3, 4] });
  });

  it('names the unknown column and suggests a close one', () => {
    const stage = select(['A', 'b']).stage as StatelessStage;
    expect(() => stage.outputSchema(batch.schema)).toThrow(/unknown column "A" \(did you mean "a"\?\); available columns: a, b, c/);
  });
});
