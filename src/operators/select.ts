import { RecordBatch, Schema, makeData, Struct } from 'apache-arrow';
import { statelessOperator } from './flowOperator.js';
import { requireColumns } from './schemaChecks.js';
import type { FlowOperator, StatelessStage } from './stage.js';

/**
 * The column flow adds to track each row's position through a chain (for `flow predict`'s
 * passthrough columns). Column-dropping kernels keep it.
 */
export const ROW_ID = '__flow_row';

/** The kernel: the named columns, in the given order, sharing memory with the input. */
export function selectBatch(batch: RecordBatch, columns: readonly string[]): RecordBatch {
  const names = batch.schema.fields.map((f) => f.name);
  const indices = columns.map((c) => names.indexOf(c));
  const rowId = names.indexOf(ROW_ID);
  if (rowId >= 0 && !columns.includes(ROW_ID)) indices.push(rowId);
  const fields = indices.map((i) => batch.schema.fields[i]!);
  const children = indices.map((i) => batch.data.children[i]!);
  const schema = new Schema(fields, batch.schema.metadata);
  return new RecordBatch(schema, makeData({ type: new Struct(fields), length: batch.numRows, nullCount: 0, children }));
}

/**
 * Keeps only `columns`, in that order. Zero-copy: the output shares the input's buffers.
 *
 * @example
 * from(batches).pipe(select(['f0', 'f1', 'target']))
 */
export function select(columns: readonly string[]): FlowOperator {
  return statelessOperator(selectStage(columns));
}

function selectStage(columns: readonly string[]): StatelessStage {
  return {
    type: 'stateless',
    name: 'select',
    description: `select(${columns.join(', ')})`,
    outputSchema(input) {
      requireColumns(input, columns, 'select');
      const fields = columns.map((c) => input.fields.find((f) => f.name === c)!);
      return new Schema(fields, input.metadata);
    },
    inputColumns(needed) {
      return new Set(columns.filter((c) => needed.has(c)));
    },
    apply(batch) {
      return selectBatch(batch, columns);
    },
    prune(needed) {
      return selectStage(columns.filter((c) => needed.has(c)));
    },
  };
}
