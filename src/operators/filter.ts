import type { RecordBatch } from 'apache-arrow';
import { valuesWithNaN } from './columnKernels.js';
import { statelessOperator } from './flowOperator.js';
import { numericInPlace } from './columnwise.js';
import type { FlowOperator } from './stage.js';
import { takeRows } from './takeRows.js';

/**
 * A vectorised predicate: gets the named Float64 columns as whole arrays (nulls read as
 * NaN) and returns, for each row, a truthy value to keep it.
 */
export type RowPredicate = (columns: Readonly<Record<string, Float64Array>>, rows: number) => ArrayLike<number | boolean>;

/** The kernel: keeps the rows where `predicate` is truthy. Returns the batch itself when all pass. */
export function filterBatch(batch: RecordBatch, columns: readonly string[], predicate: RowPredicate): RecordBatch {
  const views = Object.fromEntries(columns.map((name) => [name, valuesWithNaN(batch, name)]));
  const mask = predicate(views, batch.numRows);
  const keep = new Int32Array(batch.numRows);
  let kept = 0;
  for (let r = 0; r < batch.numRows; r++) if (mask[r]) keep[kept++] = r;
  return kept === batch.numRows ? batch : takeRows(batch, keep.subarray(0, kept));
}

/**
 * Keeps the rows for which a vectorised predicate over `columns` is truthy.
 *
 * @example
 * // adults with a positive income; a comparison with NaN (null) is false, so nulls go too
 * filter(['age', 'income'], ({ age, income }, n) => Uint8Array.from({ length: n }, (_, i) => +(age[i]! >= 18 && income[i]! > 0)))
 */
export function filter(columns: readonly string[], predicate: RowPredicate): FlowOperator {
  return statelessOperator({
    type: 'stateless',
    name: 'filter',
    description: `filter(${columns.join(', ')})`,
    ...numericInPlace('filter', columns, 'unchanged'),
    apply: (batch) => filterBatch(batch, columns, predicate),
  });
}
