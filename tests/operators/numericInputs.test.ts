import { Field, Int32, Int64, Schema, vectorFromArray, type RecordBatch } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { recordBatch } from '../../src/io/arrow/columns.js';
import { asFloat64Values } from '../../src/io/arrow/numeric.js';
import { bucketize } from '../../src/operators/bucketize.js';
import { cast } from '../../src/operators/cast.js';
import { clip } from '../../src/operators/clip.js';
import { dropOutliers } from '../../src/operators/dropOutliers.js';
import { fillNulls } from '../../src/operators/fillNulls.js';
import { filter } from '../../src/operators/filter.js';
import { log1p } from '../../src/operators/log1p.js';
import { minMaxScale } from '../../src/operators/minMaxScale.js';
import { mutate } from '../../src/operators/mutate.js';
import { robustScale } from '../../src/operators/robustScale.js';
import type { FlowOperator, StatefulStage, StatelessStage } from '../../src/operators/stage.js';
import { standardScale } from '../../src/operators/standardScale.js';
import { decimalColumn } from '../helpers/typedColumns.js';

/** A batch whose numeric columns are not Float64, as a Parquet source brings them. */
function typedBatch(): RecordBatch {
  const columns = [
    vectorFromArray([1, 5, null, 9, 3, 7], new Int32()).data[0]!,
    vectorFromArray([10n, 20n, 30n, null, 50n, 60n], new Int64()).data[0]!,
    decimalColumn([125n, -50n, 300n, 10n, null, 75n], 9, 2),
  ];
  return recordBatch(new Schema(columns.map((data, i) => new Field(['i', 'big', 'price'][i]!, data.type, true))), columns);
}

/** The operator applied the way the runtime applies it: fitted first when it is stateful. */
function applied(operator: FlowOperator, batch: RecordBatch): { schema: Schema; out: RecordBatch } {
  const stage = operator.stage as StatelessStage | StatefulStage;
  const schema = stage.outputSchema(batch.schema)!;
  if (stage.type === 'stateless') return { schema, out: (stage as StatelessStage).apply(batch) };
  const accumulator = (stage as StatefulStage).createAccumulator(batch.schema);
  accumulator.update(batch);
  return { schema, out: (stage as StatefulStage).bind(accumulator.finalize()).apply(batch) };
}

const columns = ['i', 'big', 'price'];
const OPERATORS: [string, FlowOperator][] = [
  ['standardScale', standardScale(columns)],
  ['minMaxScale', minMaxScale(columns)],
  ['robustScale', robustScale(columns)],
  ['clip', clip({ columns, lower: 0.1, upper: 0.9 })],
  ['dropOutliers', dropOutliers({ columns, z: 1 })],
  ['fillNulls mean', fillNulls({ columns, strategy: 'mean' })],
  ['fillNulls constant', fillNulls({ columns, strategy: 'constant', value: 0 })],
  ['log1p', log1p(['i', 'big'])],
  ['bucketize', bucketize({ column: 'big', boundaries: [25, 45] })],
  ['filter', filter(['i'], ({ i }, n) => Uint8Array.from({ length: n }, (_, r) => +(i![r]! > 2)))],
  ['mutate', mutate({ total: { from: ['i', 'price'], compute: ({ i, price }, n) => Float64Array.from({ length: n }, (_, r) => i![r]! + price![r]!) } })],
  ['cast', cast({ big: 'float64', price: 'utf8' })],
];

describe('numeric operators over Int32, Int64 and Decimal columns', () => {
  it.each(OPERATORS)('%s: the batches have the types the plan promised', (_, operator) => {
    const { schema, out } = applied(operator, typedBatch());
    expect(out.schema.fields.map((f) => `${f.name}: ${String(f.type)}`)).toEqual(schema.fields.map((f) => `${f.name}: ${String(f.type)}`));
    out.schema.fields.forEach((field, c) => expect(String(out.data.children[c]!.type)).toBe(String(field.type)));
  });

  it('reads decimals by value: standardScale of price uses 1.25, -0.5, 3, 0.1 and 0.75', () => {
    const { out } = applied(standardScale(['price']), typedBatch());
    const scaled = asFloat64Values(out.getChild('price')!.data[0]!);
    const values = [1.25, -0.5, 3, 0.1, 0.75];
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect([0, 1, 2, 3, 5].map((r) => scaled[r]!)).toEqual(values.map((v) => expect.closeTo((v - mean) / std, 12)));
  });
});
