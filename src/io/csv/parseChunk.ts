import { Schema, type Data, type RecordBatch } from 'apache-arrow';
import { recordBatch } from '../arrow/columns.js';
import type { CsvLayout, CsvColumnType } from './csvLayout.js';
import { describeLocation, inputError } from '../../errors.js';
import { takeRows } from '../../operators/takeRows.js';
import { recordBadRow, type BadRowLog, type BadRowPolicy } from './badRows.js';
import { decodeUtf8, invalidUtf8Rows, scannedFloat64 } from './decodeColumns.js';
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
  readonly onBadRow: BadRowPolicy;
}

/** A parsed chunk: the batch plus the physical line of each row, for errors and the holdout split. */
export interface ParsedChunk {
  readonly batch: RecordBatch;
  readonly lines: Int32Array;
  /** Rows dropped as unreadable (onBadRow: 'skip'). */
  readonly bad: BadRowLog;
}

export function parseSpecFor(layout: CsvLayout, dialect: CsvDialect, onBadRow: BadRowPolicy, columns?: readonly string[]): CsvParseSpec {
  const wanted = columns === undefined ? undefined : new Set(columns);
  const projection = layout.columnNames.flatMap((name, i) => (wanted === undefined || wanted.has(name) ? [i] : []));
  return {
    file: layout.path,
    dialect,
    columnNames: layout.columnNames,
    columnTypes: layout.schema.fields.map((f) => (f.typeId === 3 /* Float */ ? 'float64' : 'utf8')),
    projection,
    onBadRow,
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
    onBadRow: spec.onBadRow,
  });
  const columns: Data[] = spec.projection.map((source, slot) =>
    numeric[slot] ? scannedFloat64(table, slot) : decodeUtf8(chunk.bytes, table, slot, { file: spec.file, column: spec.columnNames[source]!, quote: spec.dialect.quote }),
  );
  const batch = recordBatch(schema, columns, table.rows);
  const lines = table.lines.subarray(0, table.rows);
  const invalid = new Set<number>();
  spec.projection.forEach((source, slot) => {
    if (numeric[slot]) return;
    for (const row of invalidUtf8Rows(columns[slot]!)) {
      const location = { file: spec.file, line: lines[row]!, column: spec.columnNames[source]! };
      if (spec.onBadRow !== 'skip') throw inputError('INVALID_UTF8', 'the field is not valid UTF-8 text', location);
      if (!invalid.has(row)) recordBadRow(table.bad, 'invalidUtf8', lines[row]!, `${describeLocation(location)}: not valid UTF-8`);
      invalid.add(row);
    }
  });
  if (invalid.size === 0) return { batch, lines, bad: table.bad };
  const keep = Int32Array.from({ length: table.rows }, (_, r) => r).filter((r) => !invalid.has(r));
  return { batch: takeRows(batch, keep), lines: keep.map((r) => lines[r]!), bad: table.bad };
}

/** The schema of the projected columns, in source order. */
export function projectedSchema(full: Schema, spec: CsvParseSpec): Schema {
  return new Schema(spec.projection.map((i) => full.fields[i]!));
}
