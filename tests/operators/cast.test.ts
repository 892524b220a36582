import { Field, Float32, Int64, Schema, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { recordBatch } from '../../src/io/arrow/columns.js';
import { decimalColumn } from '../helpers/typedColumns.js';
import { cast, castBatch } from '../../src/operators/cast.js';
import type { StatelessStage } from '../../src/operators/stage.js';
import { batchOf, columnsOf } from '../helpers/batches.js';

describe('cast', () => {
  it('turns Int64, Decimal and Float32 columns into Float64, and decimals into their exact text', () => {
    const columns = [
      vectorFromArray([1n, null, -(2n ** 40n)], new Int64()).data[0]!,
      decimalColumn([12345n, -5n, null], 10, 2),
      vectorFromArray([0.5, 2, null], new Float32()).data[0]!,
    ];
    const schema = new Schema(columns.map((data, i) => new Field(['big', 'price', 'f'][i]!, data.type, true)));
    const batch = recordBatch(schema, columns);
    const numbers = castBatch(batch, { big: 'float64', price: 'float64', f: 'float64' });
    expect(numbers.schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Float64', 'Float64']);
    expect(columnsOf(numbers)).toEqual({ big: [1, null, -(2 ** 40)], price: [123.45, -0.05, null], f: [0.5, 2, null] });
    expect(columnsOf(castBatch(batch, { price: 'utf8' })).price).toEqual(['123.45', '-0.05', null]);
  });

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
