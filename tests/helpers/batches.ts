import { Field, Float64, Schema, Utf8, type Data, type RecordBatch } from 'apache-arrow';
import { float64Data, recordBatch, utf8Data } from '../../src/io/arrow/columns.js';

type Column = (number | null)[] | (string | null)[];

/** Builds a batch from plain columns: numbers become Float64, strings Utf8, null is null. */
export function batchOf(columns: Record<string, Column>): RecordBatch {
  const names = Object.keys(columns);
  const datas: Data[] = [];
  const fields: Field[] = [];
  for (const name of names) {
    const values = columns[name]!;
    const isText = values.some((v) => typeof v === 'string');
    const bitmap = new Uint8Array((values.length + 7) >> 3);
    let nullCount = 0;
    values.forEach((v, i) => (v === null ? nullCount++ : (bitmap[i >> 3]! |= 1 << (i & 7))));
    if (isText) {
      const encoder = new TextEncoder();
      const parts = values.map((v) => encoder.encode(v === null ? '' : String(v)));
      const offsets = new Int32Array(values.length + 1);
      parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
      const bytes = new Uint8Array(offsets[values.length]!);
      parts.forEach((p, i) => bytes.set(p, offsets[i]!));
      datas.push(utf8Data(offsets, bytes, { bitmap, nullCount }));
      fields.push(new Field(name, new Utf8(), true));
    } else {
      datas.push(float64Data(Float64Array.from(values as (number | null)[], (v) => (v === null ? 0 : Number(v))), { bitmap, nullCount }));
      fields.push(new Field(name, new Float64(), true));
    }
  }
  return recordBatch(new Schema(fields), datas, Object.values(columns)[0]?.length ?? 0);
}

/** The batch as plain columns, for assertions. */
export function columnsOf(batch: RecordBatch): Record<string, unknown[]> {
  return Object.fromEntries(batch.schema.fields.map((f, i) => [f.name, [...batch.getChildAt(i)!].map((v) => v ?? null)]));
}
