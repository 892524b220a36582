import {
  Float64,
  RecordBatch,
  type Schema,
  Struct,
  Utf8,
  makeData,
  type Data,
  type Field,
} from 'apache-arrow';

/** A validity bitmap (LSB first, as Arrow lays it out) with its null count. */
export interface Validity {
  readonly bitmap: Uint8Array;
  readonly nullCount: number;
}

export function float64Data(values: Float64Array, validity?: Validity): Data<Float64> {
  const nullCount = validity?.nullCount ?? 0;
  return makeData({
    type: new Float64(),
    length: values.length,
    nullCount,
    data: values,
    ...(nullCount > 0 ? { nullBitmap: validity!.bitmap } : {}),
  });
}

export function utf8Data(valueOffsets: Int32Array, bytes: Uint8Array, validity?: Validity): Data<Utf8> {
  const nullCount = validity?.nullCount ?? 0;
  return makeData({
    type: new Utf8(),
    length: valueOffsets.length - 1,
    nullCount,
    valueOffsets,
    data: bytes,
    ...(nullCount > 0 ? { nullBitmap: validity!.bitmap } : {}),
  });
}

/** Assembles a RecordBatch from column Data that all have the same length. */
export function recordBatch(schema: Schema, columns: readonly Data[], length?: number): RecordBatch {
  const rows = length ?? columns[0]?.length ?? 0;
  const struct = makeData({
    type: new Struct(schema.fields as Field[]),
    length: rows,
    nullCount: 0,
    children: columns as Data[],
  });
  return new RecordBatch(schema, struct);
}

/** True when row `i` of `data` is valid (non-null). */
export function isValid(data: Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || !bitmap || bitmap.length === 0) return true;
  const bit = data.offset + i;
  return ((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 1;
}

/** The column `name` of a batch as a single Data chunk (our batches always have one). */
export function columnData(batch: RecordBatch, name: string): Data {
  const index = batch.schema.fields.findIndex((f) => f.name === name);
  if (index < 0) throw new RangeError(`no column ${name}`);
  return batch.data.children[index]!;
}
