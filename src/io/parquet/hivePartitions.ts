import { Field, Float64, Int64, Type, Utf8, makeData, type Data, type Schema } from 'apache-arrow';
import { relative, sep } from 'node:path';
import { inputError } from '../../errors.js';

/**
 * Hive-style partitioning, as Spark, DuckDB and Polars write it: `year=2024/tag=a/part-0.parquet`.
 * Each `key=value` directory between the dataset root and a file adds a column `key`
 * holding `value` for every row of that file, in path order, after the file's columns.
 */
export interface HivePartitioning {
  readonly fields: readonly Field[];
  /** Per file, per partition field: the value's text, or null (`__HIVE_DEFAULT_PARTITION__`). */
  readonly values: readonly (readonly (string | null)[])[];
}

const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';
const SEGMENT = /^([^=]+)=(.*)$/;

/**
 * The partition columns of a dataset: every file must have the same keys in the same
 * order. A key that is also a column in the files is left to the files. Types: Int64 when
 * every value is an integer, Float64 when every value is a number, Utf8 otherwise.
 */
export function hivePartitioning(root: string, files: readonly string[], fileSchema: Schema): HivePartitioning {
  const perFile = files.map((file) =>
    relative(root, file)
      .split(sep)
      .slice(0, -1)
      .flatMap((segment) => {
        const match = SEGMENT.exec(segment);
        return match ? [[match[1]!, decodeValue(match[2]!)] as const] : [];
      }),
  );
  const keys = perFile[0]?.map(([key]) => key) ?? [];
  perFile.forEach((pairs, i) => {
    const these = pairs.map(([key]) => key);
    if (these.join('/') !== keys.join('/')) {
      throw inputError('PARTITION_MISMATCH', `partition directories ${these.map((k) => `${k}=`).join('/') || '(none)'} differ from ${keys.map((k) => `${k}=`).join('/') || '(none)'} in ${files[0]}`, { file: files[i]! });
    }
  });
  const kept = keys.flatMap((key, k) => (fileSchema.fields.some((f) => f.name === key) ? [] : [k]));
  const fields = kept.map((k) => new Field(keys[k]!, partitionType(perFile.map((pairs) => pairs[k]![1])), true));
  return { fields, values: perFile.map((pairs) => kept.map((k) => pairs[k]![1])) };
}

function decodeValue(text: string): string | null {
  const value = decodeURIComponent(text);
  return value === NULL_PARTITION || value === '' ? null : value;
}

function partitionType(values: readonly (string | null)[]): Int64 | Float64 | Utf8 {
  const present = values.filter((v): v is string => v !== null);
  if (present.length > 0 && present.every((v) => /^-?\d{1,18}$/.test(v))) return new Int64();
  if (present.length > 0 && present.every((v) => v.trim() !== '' && Number.isFinite(Number(v)))) return new Float64();
  return new Utf8();
}

/** A column of `rows` copies of one partition value (all null for a null value). */
export function partitionColumn(field: Field, value: string | null, rows: number): Data {
  const nulls = value === null ? { nullCount: rows, nullBitmap: new Uint8Array((rows + 7) >> 3) } : { nullCount: 0 };
  // By type id, not class: a schema that came through IPC (in a worker) has generic Int/Float instances.
  if (field.typeId === Type.Int) return makeData({ type: new Int64(), length: rows, ...nulls, data: new BigInt64Array(rows).fill(value === null ? 0n : BigInt(value)) });
  if (field.typeId === Type.Float) return makeData({ type: new Float64(), length: rows, ...nulls, data: new Float64Array(rows).fill(value === null ? 0 : Number(value)) });
  const bytes = new TextEncoder().encode(value ?? '');
  const valueOffsets = Int32Array.from({ length: rows + 1 }, (_, r) => r * bytes.length);
  const data = new Uint8Array(bytes.length * rows);
  for (let r = 0; r < rows; r++) data.set(bytes, r * bytes.length);
  return makeData({ type: new Utf8(), length: rows, ...nulls, valueOffsets, data });
}
