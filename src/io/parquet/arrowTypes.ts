import { Field, Schema, Type, Utf8, makeData, type Data, type DataType, type Dictionary } from 'apache-arrow';

/**
 * The column types flow works with, from the Arrow types a Parquet reader produces:
 * dictionary-encoded and large strings become plain Utf8 (what the text operators read);
 * every other type is kept, so integers, decimals and timestamps pass through exactly.
 */
export function normalizedType(type: DataType): DataType {
  if (type.typeId === Type.LargeUtf8) return new Utf8();
  if (type.typeId === Type.Dictionary && (type as Dictionary).dictionary.typeId === Type.Utf8) return new Utf8();
  return type;
}

export function normalizedSchema(schema: Schema): Schema {
  return new Schema(
    schema.fields.map((f) => new Field(f.name, normalizedType(f.type), true, f.metadata)),
    schema.metadata,
  );
}

/** A column converted to its normalized type (the column itself when nothing changes). */
export function normalizedColumn(data: Data): Data {
  if (data.typeId === Type.LargeUtf8) return largeToUtf8(data);
  if (data.typeId === Type.Dictionary && (data.type as Dictionary).dictionary.typeId === Type.Utf8) return dictionaryToUtf8(data);
  return data;
}

function validityProps(data: Data): { nullCount: number; nullBitmap?: Uint8Array } {
  return data.nullCount > 0 && data.nullBitmap ? { nullCount: data.nullCount, nullBitmap: data.nullBitmap } : { nullCount: 0 };
}

function largeToUtf8(data: Data): Data {
  const offsets = data.valueOffsets as unknown as BigInt64Array;
  const base = offsets[0]!;
  const valueOffsets = Int32Array.from(offsets, (o) => Number(o - base));
  const bytes = (data.values as Uint8Array).subarray(Number(base), Number(offsets[offsets.length - 1]!));
  return makeData({ type: new Utf8(), length: data.length, ...validityProps(data), valueOffsets, data: bytes });
}

/** Gathers dictionary strings into a plain Utf8 column (nulls stay null). */
function dictionaryToUtf8(data: Data): Data {
  const indices = data.values as ArrayLike<number>;
  const dictionary = data.dictionary!.data[0]!;
  const dictOffsets = dictionary.valueOffsets as Int32Array;
  const dictBytes = dictionary.values as Uint8Array;
  const n = data.length;
  const valueOffsets = new Int32Array(n + 1);
  const bitmap = data.nullCount > 0 ? data.nullBitmap : undefined;
  const valid = (r: number) => !bitmap || ((bitmap[(data.offset + r) >> 3]! >> ((data.offset + r) & 7)) & 1) === 1;
  let total = 0;
  for (let r = 0; r < n; r++) {
    if (valid(r)) total += dictOffsets[Number(indices[r]) + 1]! - dictOffsets[Number(indices[r])]!;
    valueOffsets[r + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let r = 0; r < n; r++) {
    if (!valid(r)) continue;
    const k = Number(indices[r]);
    bytes.set(dictBytes.subarray(dictOffsets[k]!, dictOffsets[k + 1]!), valueOffsets[r]!);
  }
  return makeData({ type: new Utf8(), length: n, ...validityProps(data), valueOffsets, data: bytes });
}
