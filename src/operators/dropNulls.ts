import type { RecordBatch } from 'apache-arrow';
import { columnData } from '../io/arrow/columns.js';
import { statelessOperator } from './flowOperator.js';
import { columnNames, requireColumns } from './schemaChecks.js';
import type { FlowOperator, StatelessStage } from './stage.js';
import { takeRows } from './takeRows.js';

/**
 * The kernel: keeps the rows where every one of `columns` is non-null.
 * Returns the same batch when nothing is null.
 */
export function dropNullsBatch(batch: RecordBatch, columns: readonly string[]): RecordBatch {
  const bitmaps: Uint8Array[] = [];
  const offsets: number[] = [];
  for (const name of columns) {
    const data = columnData(batch, name);
    if (data.nullCount > 0 && data.nullBitmap && data.nullBitmap.length > 0) {
      bitmaps.push(data.nullBitmap);
      offsets.push(data.offset);
    }
  }
  if (bitmaps.length === 0) return batch;
  const keep = new Int32Array(batch.numRows);
  let kept = 0;
  rows: for (let r = 0; r < batch.numRows; r++) {
    for (let c = 0; c < bitmaps.length; c++) {
      const bit = offsets[c]! + r;
      if (((bitmaps[c]![bit >> 3]! >> (bit & 7)) & 1) === 0) continue rows;
    }
    keep[kept++] = r;
  }
  return takeRows(batch, keep.subarray(0, kept));
}

/**
 * Drops every row that has a null in any of `columns` (all columns when omitted).
 *
 * @example
 * from(batches).pipe(dropNulls(['age', 'income']))
 */
export function dropNulls(columns?: readonly string[]): FlowOperator {
  return statelessOperator(dropNullsStage(columns));
}

function dropNullsStage(columns: readonly string[] | undefined): StatelessStage {
  return {
    type: 'stateless',
    name: 'dropNulls',
    description: `dropNulls(${columns ? columns.join(', ') : '*'})`,
    outputSchema(input) {
      if (columns) requireColumns(input, columns, 'dropNulls');
      return input;
    },
    inputColumns(needed, input) {
      return new Set([...needed, ...(columns ?? columnNames(input))]);
    },
    apply(batch) {
      return dropNullsBatch(batch, columns ?? columnNames(batch.schema));
    },
  };
}
