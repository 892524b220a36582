import { Float64, RecordBatch, Schema, Struct, Field, makeData, type Data } from 'apache-arrow';
import { float64Data } from '../io/arrow/columns.js';
import { asFloat64Values } from '../io/arrow/numeric.js';
import { welfordUpdate, type WelfordState } from './welford.js';

/**
 * Shared machinery for operators that replace or add Float64 columns: read a column as
 * values plus validity, and rebuild a batch with some columns swapped.
 */
export interface Float64Column {
  readonly values: Float64Array;
  readonly data: Data;
}

export function float64Column(batch: RecordBatch, name: string): Float64Column {
  const index = batch.schema.fields.findIndex((f) => f.name === name);
  const data = batch.data.children[index]!;
  return { values: asFloat64Values(data), data };
}

/** A new Float64 column with `values` and the validity of `like` (nulls stay null). */
export function float64Like(values: Float64Array, like: Data): Data {
  const bitmap = like.nullCount > 0 && like.nullBitmap ? like.nullBitmap : undefined;
  return float64Data(values, bitmap ? { bitmap, nullCount: like.nullCount } : undefined);
}

/** The batch with the named columns replaced (same position) or appended (new names). */
export function withColumns(batch: RecordBatch, columns: ReadonlyMap<string, Data>): RecordBatch {
  const fields = [...batch.schema.fields];
  const children = [...batch.data.children];
  for (const [name, data] of columns) {
    const index = fields.findIndex((f) => f.name === name);
    const field = new Field(name, data.type, true);
    if (index >= 0) {
      fields[index] = field;
      children[index] = data;
    } else {
      fields.push(field);
      children.push(data);
    }
  }
  const schema = new Schema(fields, batch.schema.metadata);
  return new RecordBatch(schema, makeData({ type: new Struct(fields), length: batch.numRows, nullCount: 0, children }));
}

/** The schema with the named columns set to Float64 (replaced in place or appended). */
export function withFloat64Fields(schema: Schema, names: readonly string[]): Schema {
  const fields = [...schema.fields];
  for (const name of names) {
    const index = fields.findIndex((f) => f.name === name);
    const field = new Field(name, new Float64(), true);
    if (index >= 0) fields[index] = field;
    else fields.push(field);
  }
  return new Schema(fields, schema.metadata);
}

/** A numeric column's values as Float64 with nulls read as NaN (the column itself when it is Float64 without nulls). */
export function valuesWithNaN(batch: RecordBatch, name: string): Float64Array {
  const { values, data } = float64Column(batch, name);
  if (data.nullCount === 0 || !data.nullBitmap) return values;
  const copy = values === data.values ? Float64Array.from(values) : values;
  for (let r = 0; r < copy.length; r++) {
    const bit = data.offset + r;
    if (((data.nullBitmap[bit >> 3]! >> (bit & 7)) & 1) === 0) copy[r] = NaN;
  }
  return copy;
}

/** A column's validity bitmap and offset, or undefined when it has no nulls. */
export function validityOf(data: Data): { bitmap: Uint8Array; offset: number } | undefined {
  return data.nullCount > 0 && data.nullBitmap ? { bitmap: data.nullBitmap, offset: data.offset } : undefined;
}

/** Folds the named Float64 columns of a batch into per-column Welford moments (nulls skipped). */
export function welfordUpdateColumns(state: WelfordState, batch: RecordBatch, columns: readonly string[]): void {
  columns.forEach((name, c) => {
    const { values, data } = float64Column(batch, name);
    welfordUpdate(state, c, values, validityOf(data));
  });
}
