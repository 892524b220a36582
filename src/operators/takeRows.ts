import { Type, makeData, type Data, type Float, type RecordBatch, type Utf8 } from 'apache-arrow';
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
    case Type.Float:
    case Type.Int: {
      const source = data.values as Float64Array;
      const values = new (source.constructor as Float64ArrayConstructor)(n);
      for (let i = 0; i < n; i++) values[i] = source[indices[i]!]!;
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
