import { Float64, Type, Utf8, tableFromIPC, tableToIPC, Table, makeData, Field, Schema, type RecordBatch } from 'apache-arrow';
import { recordBatch } from '../../io/arrow/columns.js';

/** One column's buffers, sent to another thread without copying. */
type PackedColumn =
  | { readonly name: string; readonly type: 'float64'; readonly length: number; readonly nullCount: number; readonly values: Float64Array; readonly bitmap?: Uint8Array }
  | { readonly name: string; readonly type: 'utf8'; readonly length: number; readonly nullCount: number; readonly offsets: Int32Array; readonly bytes: Uint8Array; readonly bitmap?: Uint8Array };

/**
 * A record batch as plain buffers. Float64 and Utf8 columns (what the CSV source makes)
 * travel as their own buffers; a batch with any other type travels as Arrow IPC bytes.
 */
export type PackedBatch = { readonly kind: 'columns'; readonly rows: number; readonly columns: PackedColumn[] } | { readonly kind: 'ipc'; readonly bytes: Uint8Array };

export function packBatch(batch: RecordBatch): PackedBatch {
  const simple = batch.schema.fields.every((f) => f.typeId === Type.Float || f.typeId === Type.Utf8) && batch.data.children.every((d) => d.offset === 0);
  if (!simple || batch.schema.fields.some((f) => f.typeId === Type.Float && (f.type as Float64).precision !== 2)) {
    return { kind: 'ipc', bytes: tableToIPC(new Table(batch), 'stream') };
  }
  const columns = batch.schema.fields.map((field, i): PackedColumn => {
    const data = batch.data.children[i]!;
    const bitmap = data.nullCount > 0 && data.nullBitmap ? { bitmap: data.nullBitmap } : {};
    if (field.typeId === Type.Float) {
      return { name: field.name, type: 'float64', length: data.length, nullCount: data.nullCount, values: data.values as Float64Array, ...bitmap };
    }
    return { name: field.name, type: 'utf8', length: data.length, nullCount: data.nullCount, offsets: data.valueOffsets as Int32Array, bytes: data.values as Uint8Array, ...bitmap };
  });
  return { kind: 'columns', rows: batch.numRows, columns };
}

export function unpackBatch(packed: PackedBatch): RecordBatch {
  if (packed.kind === 'ipc') return tableFromIPC(packed.bytes).batches[0]!;
  const fields = packed.columns.map((c) => new Field(c.name, c.type === 'float64' ? new Float64() : new Utf8(), true));
  const datas = packed.columns.map((c) => {
    const nulls = c.bitmap ? { nullBitmap: c.bitmap } : {};
    return c.type === 'float64'
      ? makeData({ type: new Float64(), length: c.length, nullCount: c.nullCount, data: c.values, ...nulls })
      : makeData({ type: new Utf8(), length: c.length, nullCount: c.nullCount, valueOffsets: c.offsets, data: c.bytes, ...nulls });
  });
  return recordBatch(new Schema(fields), datas, packed.rows);
}

/** Every distinct ArrayBuffer under `value` (typed arrays in plain objects and arrays), for a transfer list. */
export function transferablesOf(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const item of value) transferablesOf(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) transferablesOf(item, found);
  }
  return [...found];
}
