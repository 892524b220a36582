import { describe, expect, it } from 'vitest';
import { robustScale, robustScaleBatch, type RobustScaleState } from '../../src/operators/robustScale.js';
import type { StatefulStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('robustScale', () => {
  it('fits median and IQR, and is not moved by an outlier', () => {
    const stage = robustScale(['x']).stage as StatefulStage<RobustScaleState>;
    const accumulator = stage.createAccumulator(batchOf({ x: [1] }).schema);
    accumulator.update(batchOf({ x: [...Array.from({ length: 99 }, (_, i) => i + 1), 1e9] }));
    const state = accumulator.finalize();
    expect(state.x!.median).toBe(50);
    expect(state.x!.iqr).toBe(50);
  });

  it('transforms (x - median) / IQR; an IQR of 0 divides by 1', () => {
    const out = robustScaleBatch(batchOf({ x: [0, 10, null], k: [3, 3, 3] }), { x: { median: 5, iqr: 10 }, k: { median: 3, iqr: 0 } });
    expect(columnsOf(out)).toEqual({ x: [-0.5, 0.5, null], k: [0, 0, 0] });
  });
});
