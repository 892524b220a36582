import { Field, RecordBatch, Schema, Struct, makeData } from 'apache-arrow';
import { planError } from '../errors.js';
import { statelessOperator } from './flowOperator.js';
import { columnNames, requireColumns } from './schemaChecks.js';
import type { FlowOperator } from './stage.js';

function renamedSchema(schema: Schema, mapping: Readonly<Record<string, string>>): Schema {
  return new Schema(
    schema.fields.map((f) => (mapping[f.name] === undefined ? f : new Field(mapping[f.name]!, f.type, f.nullable, f.metadata))),
    schema.metadata,
  );
}

/** The kernel: the same columns under new names; zero-copy. */
export function renameBatch(batch: RecordBatch, mapping: Readonly<Record<string, string>>): RecordBatch {
  const schema = renamedSchema(batch.schema, mapping);
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children: batch.data.children }));
}

/**
 * Renames columns: `rename({ old: 'new' })`. Renaming onto an existing name is a plan error.
 *
 * @example
 * pipeline(source).pipe(rename({ 'Annual Income': 'income' }))
 */
export function rename(mapping: Readonly<Record<string, string>>): FlowOperator {
  const inverse = new Map(Object.entries(mapping).map(([from, to]) => [to, from]));
  return statelessOperator({
    type: 'stateless',
    name: 'rename',
    description: `rename(${Object.entries(mapping).map(([a, b]) => `${a} → ${b}`).join(', ')})`,
    outputSchema(input) {
      requireColumns(input, Object.keys(mapping), 'rename');
      const output = renamedSchema(input, mapping);
      const names = columnNames(output);
      const duplicate = names.find((n, i) => names.indexOf(n) !== i);
      if (duplicate !== undefined) throw planError('DUPLICATE_COLUMN', `rename: two columns would be called "${duplicate}"`);
      return output;
    },
    inputColumns: (needed) => new Set([...needed].map((name) => inverse.get(name) ?? name)),
    apply: (batch) => renameBatch(batch, mapping),
  });
}
