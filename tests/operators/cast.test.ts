import { describe, expect, it } from 'vitest';
import { cast, castBatch } from '../../src/operators/cast.js';
import type { StatelessStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('cast', () => {
  it('turns text into numbers like Number(), blanks into nulls', () => {
    expect(columnsOf(castBatch(batchOf({ s: ['1.5', ' 2 ', '  ', null, '1e3'] }), { s: 'float64' }))).toEqual({ s: [1.5, 2, null, null, 1000] });
  });

  it('turns numbers into round-trip text', () => {
    expect(columnsOf(castBatch(batchOf({ x: [0.1, -0, null, 1e21] }), { x: 'utf8' }))).toEqual({ x: ['0.1', '-0', null, '1e+21'] });
  });

  it('names the column of text that is not a number, and types the output schema', () => {
    expect(() => castBatch(batchOf({ s: ['1', 'one'] }), { s: 'float64' })).toThrow(/column "s": cast: "one" is not a number/);
    const stage = cast({ s: 'float64', x: 'utf8' }).stage as StatelessStage;
    const schema = stage.outputSchema(batchOf({ s: ['1'], x: [1] }).schema);
    expect(schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Utf8']);
  });
});
