import { firstValueFrom, from, map, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { dropNulls, dropNullsBatch } from '../../src/operators/dropNulls.js';
import { select } from '../../src/operators/select.js';
import type { StatelessStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('dropNulls', () => {
  const batch = batchOf({ a: [1, null, 3, 4], b: [null, 2, 3, 4], s: ['w', 'x', null, 'z'] });

  it('keeps rows where every named column is valid', () => {
    expect(columnsOf(dropNullsBatch(batch, ['a']))).toEqual({ a: [1, 3, 4], b: [null, 3, 4], s: ['w', null, 'z'] });
  });

  it('checks all columns when none are named', () => {
    expect(columnsOf(dropNullsBatch(batch, ['a', 'b', 's']))).toEqual({ a: [4], b: [4], s: ['z'] });
  });

  it('returns the same batch when nothing is null', () => {
    const clean = batchOf({ a: [1, 2] });
    expect(dropNullsBatch(clean, ['a'])).toBe(clean);
  });

  it('composes with user RxJS operators in one pipe', async () => {
    const double = map((b: typeof batch) => b);
    const out = await firstValueFrom(from([batch, batch]).pipe(dropNulls(['b']), double, select(['b']), toArray()));
    expect(out.map((b) => columnsOf(b))).toEqual([{ b: [2, 3, 4] }, { b: [2, 3, 4] }]);
  });

  it('rejects an unknown column at plan time, listing the columns', () => {
    const stage = dropNulls(['nope']).stage as StatelessStage;
    expect(() => stage.outputSchema(batch.schema)).toThrow(
      /dropNulls: unknown column "nope"; available columns: a, b, s/,
    );
  });
});
