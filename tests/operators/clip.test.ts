import { describe, expect, it } from 'vitest';
import { clip, clipBatch } from '../../src/operators/clip.js';
import type { StatefulStage } from '../../src/operators/stage.js';
import type { Bounds } from '../../src/operators/valueBounds.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

const values = Array.from({ length: 1000 }, (_, i) => i);

function fit(options: Parameters<typeof clip>[0]): Bounds {
  const stage = clip(options).stage as StatefulStage<Bounds>;
  const accumulator = stage.createAccumulator(batchOf({ x: [1] }).schema);
  accumulator.update(batchOf({ x: values }));
  return accumulator.finalize();
}

describe('clip', () => {
  it('fits quantile bounds from the sketch (within its rank error)', () => {
    const { x } = fit({ columns: ['x'], lower: 0.05, upper: 0.95 });
    expect(Math.abs(x!.low - 50)).toBeLessThanOrEqual(10);
    expect(Math.abs(x!.high - 950)).toBeLessThanOrEqual(10);
  });

  it('fits mean ± z·std bounds', () => {
    const { x } = fit({ columns: ['x'], z: 2 });
    const std = Math.sqrt((1000 * 1000 - 1) / 12);
    expect(x!.low).toBeCloseTo(499.5 - 2 * std, 9);
    expect(x!.high).toBeCloseTo(499.5 + 2 * std, 9);
  });

  it('clamps values into the bounds and keeps nulls; a one-sided clip leaves the other side open', () => {
    expect(columnsOf(clipBatch(batchOf({ x: [-5, 3, 50, null] }), { x: { low: 0, high: 10 } }))).toEqual({ x: [0, 3, 10, null] });
    const stage = clip({ columns: ['x'], upper: 0.5 }).stage as StatefulStage<Bounds>;
    const json = JSON.parse(JSON.stringify(stage.stateToJSON({ x: { low: -Infinity, high: 4 } })));
    expect(stage.stateFromJSON(json)).toEqual({ x: { low: -Infinity, high: 4 } });
  });

  it('rejects bad options at plan time', () => {
    expect(() => clip({ columns: ['x'], lower: 0.9, upper: 0.1 })).toThrow(/0 ≤ lower < upper ≤ 1/);
  });
});
