import { Type, makeData, type Bool, type Data, type Float, type RecordBatch, type Utf8 } from 'apache-arrow';
import { internalError } from '../errors.js';
import { recordBatch } from '../io/arrow/columns.js';

/** A new batch with the rows at `indices` (ascending or not), copying each column once. */
export function takeRows(batch: RecordBatch, indices: Int32Array): RecordBatch {
  const columns = batch.data.children.map((data) => takeData(data, indices));
  return recordBatch(batch.schema, columns, indices.length);
}

function takeData(data: Data, indices: Int32Array): Data {
  const n = indices.length;
  const { bitmap, nullCount } = takeValidity(data, indices);
  const nulls = nullCount > 0 ? { nullBitmap: bitmap } : {};
  switch (data.typeId) {
    case Type.Bool: {
      const source = data.values as Uint8Array;
      const values = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        const bit = data.offset + indices[i]!;
        if ((source[bit >> 3]! >> (bit & 7)) & 1) values[i >> 3]! |= 1 << (i & 7);
      }
      return makeData({ type: data.type as Bool, length: n, nullCount, data: values, ...nulls });
    }
    case Type.Float:
    case Type.Int:
    case Type.Decimal:
    case Type.Date:
    case Type.Timestamp:
    case Type.Time:
    case Type.Duration: {
      // Fixed-width values, `stride` array elements per row (4 words for a Decimal128).
      // Arrow JS slices value buffers itself; `offset` only applies to bitmaps.
      const values = data.values instanceof Float64Array ? takeFloat64(data.values, indices) : takeFixedWidth(data.values as Float64Array, data.stride, indices);
      return makeData({ type: data.type as Float, length: n, nullCount, data: values, ...nulls });
    }
    case Type.Utf8: {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      const outOffsets = new Int32Array(n + 1);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const r = indices[i]!;
        total += offsets[r + 1]! - offsets[r]!;
        outOffsets[i + 1] = total;
      }
      const outBytes = new Uint8Array(total);
      for (let i = 0; i < n; i++) {
        const r = indices[i]!;
        outBytes.set(bytes.subarray(offsets[r]!, offsets[r + 1]!), outOffsets[i]!);
      }
      return makeData({ type: data.type as Utf8, length: n, nullCount, valueOffsets: outOffsets, data: outBytes, ...nulls });
    }
    default:
      throw internalError(`takeRows does not support column type ${String(data.type)}`);
  }
}

/** The common case, kept monomorphic so that the loop stays fast. */
function takeFloat64(source: Float64Array, indices: Int32Array): Float64Array {
  const values = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) values[i] = source[indices[i]!]!;
  return values;
}

/** Any other fixed-width type: `stride` array elements per row (4 words for a Decimal128). */
function takeFixedWidth(source: Float64Array, stride: number, indices: Int32Array): Float64Array {
  const n = indices.length;
  const values = new (source.constructor as Float64ArrayConstructor)(n * stride);
  if (stride === 1) for (let i = 0; i < n; i++) values[i] = source[indices[i]!]!;
  else for (let i = 0; i < n; i++) values.set(source.subarray(indices[i]! * stride, (indices[i]! + 1) * stride), i * stride);
  return values;
}

function takeValidity(data: Data, indices: Int32Array): { bitmap: Uint8Array; nullCount: number } {
  const n = indices.length;
  const bitmap = new Uint8Array((n + 7) >> 3);
  const source = data.nullBitmap;
  if (data.nullCount === 0 || !source || source.length === 0) return { bitmap, nullCount: 0 };
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const bit = data.offset + indices[i]!;
    if ((source[bit >> 3]! >> (bit & 7)) & 1) bitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  }
  return { bitmap, nullCount };
}
