import { firstValueFrom, from, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { FlowError } from '../../src/errors.js';
import type { StatefulStage } from '../../src/operators/stage.js';
import { standardScale, type StandardScaleState } from '../../src/operators/standardScale.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

function fit(columns: string[], batches: ReturnType<typeof batchOf>[]): StandardScaleState {
  const stage = standardScale(columns).stage as StatefulStage<StandardScaleState>;
  const accumulator = stage.createAccumulator(batches[0]!.schema);
  for (const b of batches) accumulator.update(b);
  return accumulator.finalize();
}

describe('standardScale', () => {
  it('fits population mean and variance over all batches, ignoring nulls', () => {
    const state = fit(['x'], [batchOf({ x: [1, 2, null] }), batchOf({ x: [3, 4, null] })]);
    expect(state.x).toEqual({ count: 4, mean: 2.5, variance: 1.25, scale: Math.sqrt(1.25) });
  });

  it('gives a zero-variance column scale 1 (centred only)', () => {
    const state = fit(['k'], [batchOf({ k: [7, 7, 7] })]);
    expect(state.k!.scale).toBe(1);
  });

  it('transforms (x - mean) / std, keeps nulls and other columns', async () => {
    const batch = batchOf({ x: [1, 3, null], s: ['a', 'b', 'c'] });
    const state = fit(['x'], [batch]);
    const [out] = await firstValueFrom(from([batch]).pipe(standardScale(['x']).withState(state), toArray()));
    expect(columnsOf(out!)).toEqual({ x: [-1, 1, null], s: ['a', 'b', 'c'] });
  });

  it('round-trips its state through the documented JSON', () => {
    const stage = standardScale(['x']).stage as StatefulStage<StandardScaleState>;
    const state = fit(['x'], [batchOf({ x: [1, 2, 3] })]);
    const json = stage.stateToJSON(state);
    expect(json).toEqual({ columns: { x: { count: 3, mean: 2, variance: 2 / 3 } } });
    expect(stage.stateFromJSON(JSON.parse(JSON.stringify(json)))).toEqual(state);
  });

  it('refuses to run unfitted, and refuses text columns at plan time', () => {
    const batch = batchOf({ x: [1], s: ['a'] });
    expect(() => from([batch]).pipe(standardScale(['x']))).toThrow(FlowError);
    const stage = standardScale(['s']).stage as StatefulStage;
    expect(() => stage.outputSchema(batch.schema)).toThrow(/column "s" is Utf8, not numeric; numeric columns: x/);
  });
});

describe('standardScale on a column without values', () => {
  it('fails with a clear error naming the column', () => {
    expect(() => fit(['x'], [batchOf({ x: [null, null] })])).toThrow(/column "x": standardScale: column has no non-null value to fit/);
  });
});
