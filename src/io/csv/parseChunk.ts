import { Schema, type Data, type RecordBatch } from 'apache-arrow';
import { recordBatch } from '../arrow/columns.js';
import type { CsvLayout, CsvColumnType } from './csvLayout.js';
import { decodeUtf8, scannedFloat64 } from './decodeColumns.js';
import type { CsvDialect } from './dialect.js';
import type { CsvChunk } from './recordSplitter.js';
import { scanFields } from './scanFields.js';

/** Everything needed to parse a chunk: plain data, so it can be sent to a worker. */
export interface CsvParseSpec {
  readonly file: string;
  readonly dialect: CsvDialect;
  readonly columnNames: readonly string[];
  readonly columnTypes: readonly CsvColumnType[];
  /** Source column indices to materialise, in source order. */
  readonly projection: readonly number[];
}

/** A parsed chunk: the batch plus the physical line of each row, for errors and the holdout split. */
export interface ParsedChunk {
  readonly batch: RecordBatch;
  readonly lines: Int32Array;
}

export function parseSpecFor(layout: CsvLayout, dialect: CsvDialect, columns?: readonly string[]): CsvParseSpec {
  const wanted = columns === undefined ? undefined : new Set(columns);
  const projection = layout.columnNames.flatMap((name, i) => (wanted === undefined || wanted.has(name) ? [i] : []));
  return {
    file: layout.path,
    dialect,
    columnNames: layout.columnNames,
    columnTypes: layout.schema.fields.map((f) => (f.typeId === 3 /* Float */ ? 'float64' : 'utf8')),
    projection,
  };
}

type ChunkBytes = Pick<CsvChunk, 'bytes' | 'firstLine' | 'records'>;

/** Parses whole records into an Arrow batch holding the projected columns only. */
export function parseChunk(chunk: ChunkBytes, spec: CsvParseSpec, schema: Schema): ParsedChunk {
  const slots = new Int32Array(spec.columnNames.length).fill(-1);
  spec.projection.forEach((source, slot) => (slots[source] = slot));
  const numeric = Uint8Array.from(spec.projection, (source) => (spec.columnTypes[source] === 'float64' ? 1 : 0));
  const table = scanFields(chunk.bytes, {
    file: spec.file,
    dialect: spec.dialect,
    columnNames: spec.columnNames,
    slots,
    width: spec.projection.length,
    numeric,
    firstLine: chunk.firstLine,
    maxRows: chunk.records,
  });
  const columns: Data[] = spec.projection.map((source, slot) =>
    numeric[slot] ? scannedFloat64(table, slot) : decodeUtf8(chunk.bytes, table, slot, { file: spec.file, column: spec.columnNames[source]!, quote: spec.dialect.quote }),
  );
  return { batch: recordBatch(schema, columns, table.rows), lines: table.lines.subarray(0, table.rows) };
}

/** The schema of the projected columns, in source order. */
export function projectedSchema(full: Schema, spec: CsvParseSpec): Schema {
  return new Schema(spec.projection.map((i) => full.fields[i]!));
}
