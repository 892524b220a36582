import { describe, expect, it } from 'vitest';
import { minMaxScale, minMaxScaleBatch, type MinMaxState } from '../../src/operators/minMaxScale.js';
import type { StatefulStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

const stage = (columns: string[]) => minMaxScale(columns).stage as StatefulStage<MinMaxState, unknown>;

describe('minMaxScale', () => {
  it('fits min and max over partials merged in any order, ignoring nulls', () => {
    const a = stage(['x']).createAccumulator(batchOf({ x: [1] }).schema);
    const b = stage(['x']).createAccumulator(batchOf({ x: [1] }).schema);
    a.update(batchOf({ x: [5, null, 2] }));
    b.update(batchOf({ x: [-3, 4] }));
    b.merge(a.partial());
    expect(b.finalize()).toEqual({ x: { min: -3, max: 5 } });
  });

  it('scales to [0, 1]; a constant column becomes 0; nulls stay null', () => {
    const out = minMaxScaleBatch(batchOf({ x: [-3, 1, 5, null], k: [2, 2, 2, 2] }), { x: { min: -3, max: 5 }, k: { min: 2, max: 2 } });
    expect(columnsOf(out)).toEqual({ x: [0, 0.5, 1, null], k: [0, 0, 0, 0] });
  });

  it('round-trips its state through JSON', () => {
    const s = stage(['x']);
    expect(s.stateFromJSON(JSON.parse(JSON.stringify(s.stateToJSON({ x: { min: 1, max: 2 } }))))).toEqual({ x: { min: 1, max: 2 } });
  });
});
