import { isNumericType } from '../io/arrow/numeric.js';
import { Type, type Data, type RecordBatch } from 'apache-arrow';
import { planError } from '../errors.js';
import { float64Data, isValid } from '../io/arrow/columns.js';
import { withColumns, withFloat64Fields } from './columnKernels.js';
import { statelessOperator } from './flowOperator.js';
import { requireColumns } from './schemaChecks.js';
import type { FlowOperator } from './stage.js';

/** FNV-1a over the UTF-16 code units of the value's text: stable across runs and machines. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The kernel: replaces the column by `hash(text) mod buckets` as Float64; nulls stay null. */
export function hashBucketBatch(batch: RecordBatch, column: string, buckets: number): RecordBatch {
  const index = batch.schema.fields.findIndex((f) => f.name === column);
  const data = batch.data.children[index]!;
  const vector = batch.getChildAt(index)!;
  const out = new Float64Array(batch.numRows);
  for (let r = 0; r < out.length; r++) if (isValid(data, r)) out[r] = fnv1a(String(vector.get(r))) % buckets;
  const bitmap = data.nullCount > 0 && data.nullBitmap ? { bitmap: data.nullBitmap, nullCount: data.nullCount } : undefined;
  return withColumns(batch, new Map<string, Data>([[column, float64Data(out, bitmap)]]));
}

/**
 * Hashes a high-cardinality categorical column into `buckets` ids (no vocabulary to fit;
 * unseen values need no special case), like tf.feature_column's hash buckets.
 *
 * @example
 * hashBucket({ column: 'zip', buckets: 1000 })
 */
export function hashBucket(options: { readonly column: string; readonly buckets: number }): FlowOperator {
  const { column, buckets } = options;
  if (!Number.isInteger(buckets) || buckets < 1) throw planError('BAD_OPTION', `hashBucket(${column}): buckets must be a positive integer`);
  return statelessOperator({
    type: 'stateless',
    name: 'hashBucket',
    description: `hashBucket(${column}, ${buckets})`,
    outputSchema(input) {
      requireColumns(input, [column], 'hashBucket');
      const field = input.fields.find((f) => f.name === column)!;
      if (field.typeId !== Type.Utf8 && !isNumericType(field.type)) throw planError('BAD_TYPE', `hashBucket: column "${column}" is ${String(field.type)}; expected Utf8 or a numeric type`);
      return withFloat64Fields(input, [column]);
    },
    inputColumns: (needed) => new Set([...needed, column]),
    apply: (batch) => hashBucketBatch(batch, column, buckets),
  });
}
