import { describe, expect, it } from 'vitest';
import { rename, renameBatch } from '../../src/operators/rename.js';
import type { StatelessStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('rename', () => {
  const batch = batchOf({ a: [1, 2], b: ['x', 'y'] });

  it('renames without copying', () => {
    const out = renameBatch(batch, { a: 'alpha' });
    expect(columnsOf(out)).toEqual({ alpha: [1, 2], b: ['x', 'y'] });
    expect(out.data.children[0]).toBe(batch.data.children[0]);
  });

  it('maps needed output columns back to their input names, and rejects collisions', () => {
    const stage = rename({ a: 'alpha' }).stage as StatelessStage;
    expect(stage.inputColumns(new Set(['alpha', 'b']), batch.schema)).toEqual(new Set(['a', 'b']));
    expect(() => (rename({ a: 'b' }).stage as StatelessStage).outputSchema(batch.schema)).toThrow(/two columns would be called "b"/);
    expect(() => (rename({ zz: 'c' }).stage as StatelessStage).outputSchema(batch.schema)).toThrow(/unknown column "zz"/);
  });
});
