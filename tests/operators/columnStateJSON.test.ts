import { describe, expect, it } from 'vitest';
import { finiteOrNull, readColumnNumbers } from '../../src/operators/columnStateJSON.js';
import { clip } from '../../src/operators/clip.js';
import { minMaxScale } from '../../src/operators/minMaxScale.js';
import type { StatefulStage } from '../../src/operators/stage.js';

describe('per-column fitted state in JSON', () => {
  it('reads every field of every column, nulls only where allowed', () => {
    const json = { columns: { a: { low: null, high: 2 }, b: { low: -1, high: null } } };
    expect(readColumnNumbers(json, ['a', 'b'], ['low', 'high'], 'clip(a, b)', { low: -Infinity, high: Infinity })).toEqual({
      a: { low: -Infinity, high: 2 },
      b: { low: -1, high: Infinity },
    });
    expect(() => readColumnNumbers(json, ['a'], ['low', 'high'], 'clip(a)')).toThrow(/clip\(a\): fitted JSON lacks low\/high for "a"/);
    expect(() => readColumnNumbers({ columns: { a: { min: 1 } } }, ['a'], ['min', 'max'], 'm')).toThrow(/lacks min\/max for "a"/);
    expect(() => readColumnNumbers({}, ['a'], ['min'], 'm')).toThrow(/lacks min for "a"/);
  });

  it('round-trips operators through their JSON, infinite bounds included', () => {
    const bounds = clip({ columns: ['x'], upper: 0.9 }).stage as StatefulStage<Record<string, { low: number; high: number }>>;
    const state = { x: { low: -Infinity, high: 4 } };
    expect(JSON.parse(JSON.stringify(bounds.stateToJSON(state)))).toEqual({ columns: { x: { low: null, high: 4 } } });
    expect(bounds.stateFromJSON(JSON.parse(JSON.stringify(bounds.stateToJSON(state))))).toEqual(state);
    const scale = minMaxScale(['x']).stage as StatefulStage<Record<string, { min: number; max: number }>>;
    expect(scale.stateFromJSON(scale.stateToJSON({ x: { min: 1, max: 3 } }))).toEqual({ x: { min: 1, max: 3 } });
    expect(finiteOrNull(Infinity)).toBeNull();
  });
});
