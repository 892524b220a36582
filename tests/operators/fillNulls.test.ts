import { describe, expect, it } from 'vitest';
import { fillNulls, fillNullsBatch } from '../../src/operators/fillNulls.js';
import { standardScale } from '../../src/operators/standardScale.js';
import type { StatefulStage } from '../../src/operators/stage.js';
import { csv } from '../../src/io/csv/csvSource.js';
import { buildPlan } from '../../src/plan/plan.js';
import { pipeline } from '../../src/plan/pipeline.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('fillNulls', () => {
  it('fills nulls with a constant, leaving no nulls', () => {
    const out = fillNullsBatch(batchOf({ x: [1, null, 3] }), { x: -1 });
    expect(columnsOf(out)).toEqual({ x: [1, -1, 3] });
    expect(out.data.children[0]!.nullCount).toBe(0);
  });

  it('the mean strategy fits the mean of the non-null values', () => {
    const stage = fillNulls({ columns: ['x'], strategy: 'mean' }).stage as StatefulStage;
    const accumulator = stage.createAccumulator(batchOf({ x: [1] }).schema);
    accumulator.update(batchOf({ x: [1, null, 5] }));
    expect(accumulator.finalize()).toEqual({ x: 3 });
  });

  it('a constant fill needs no fit pass; a mean fill before a scaler needs two, in order', () => {
    const schema = batchOf({ x: [1] }).schema;
    const base = pipeline(csv('unused.csv'));
    expect(buildPlan(base.pipe(fillNulls({ columns: ['x'], strategy: 'constant', value: 0 }), standardScale(['x'])), schema).fitPasses).toHaveLength(1);
    const plan = buildPlan(base.pipe(fillNulls({ columns: ['x'], strategy: 'mean' }), standardScale(['x'])), schema);
    expect(plan.fitPasses.map((p) => p.stageIndices)).toEqual([[0], [1]]);
  });
});

describe('fillNulls median', () => {
  it('fits the median of the non-null values', () => {
    const stage = fillNulls({ columns: ['x'], strategy: 'median' }).stage as StatefulStage;
    const accumulator = stage.createAccumulator(batchOf({ x: [1] }).schema);
    accumulator.update(batchOf({ x: [1, null, 2, 1000, 3] }));
    expect(accumulator.finalize()).toEqual({ x: 2 });
  });
});

describe('fillNulls mostFrequent', () => {
  it('fits the mode from merged counts, ties to the smallest value', () => {
    const stage = fillNulls({ columns: ['x'], strategy: 'mostFrequent' }).stage as StatefulStage;
    const a = stage.createAccumulator(batchOf({ x: [1] }).schema);
    const b = stage.createAccumulator(batchOf({ x: [1] }).schema);
    a.update(batchOf({ x: [3, 3, null, 1] }));
    b.update(batchOf({ x: [1, 7] }));
    a.merge(b.partial());
    expect(a.finalize()).toEqual({ x: 1 });
  });
});
