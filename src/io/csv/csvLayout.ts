import type { FileHandle } from 'node:fs/promises';
import { Field, Float64, Schema, Utf8 } from 'apache-arrow';
import { FlowError, inputError, planError } from '../../errors.js';
import { INFERENCE_NOTE } from '../arrow/fieldMetadata.js';
import type { BadRowPolicy } from './badRows.js';
import { decodeFloat64 } from './decodeColumns.js';
import type { CsvDialect } from './dialect.js';
import { splitRecords } from './recordSplitter.js';
import { scanFields, type ScanContext } from './scanFields.js';

/** The column types flow infers or accepts for CSV. */
export type CsvColumnType = 'float64' | 'utf8';

/** What is known about a CSV file before its data is read: columns, types, where data starts. */
export interface CsvLayout {
  readonly path: string;
  readonly columnNames: readonly string[];
  readonly schema: Schema;
  readonly dataOffset: number;
  readonly dataFirstLine: number;
}

export interface LayoutOptions {
  readonly dialect: CsvDialect;
  /** Explicit types; any column not named here is inferred. */
  readonly types?: Readonly<Record<string, CsvColumnType>>;
  /** Rows sampled for inference. */
  readonly inferRows: number;
  /** With 'skip', unreadable rows in the sample are left out of inference. */
  readonly onBadRow?: BadRowPolicy;
}

const BOM = [0xef, 0xbb, 0xbf];

/** Reads the header and a sample of the rows, and infers each column's type. */
export async function readCsvLayout(file: FileHandle, path: string, options: LayoutOptions): Promise<CsvLayout> {
  const head = Buffer.alloc(3);
  const { bytesRead } = await file.read(head, 0, 3, 0);
  const hasBom = bytesRead === 3 && BOM.every((b, i) => head[i] === b);
  const splitBase = {
    dialect: options.dialect,
    startOffset: hasBom ? 3 : 0,
    firstLine: 1,
    maxChunkBytes: 1 << 30,
    readBytes: 64 * 1024,
  };
  let headerChunk;
  for await (const chunk of splitRecords(file, { ...splitBase, recordsPerChunk: 1 })) {
    headerChunk = chunk;
    break;
  }
  if (!headerChunk || headerChunk.bytes.every((b) => b === 10 || b === 13)) {
    throw inputError('EMPTY_FILE', 'the file is empty: expected a header line naming the columns', { file: path });
  }
  const columnNames = parseHeader(headerChunk.bytes, path, options.dialect);
  const dataOffset = headerChunk.byteOffset + headerChunk.bytes.length;
  const dataFirstLine = headerChunk.firstLine + countLines(headerChunk.bytes);

  for (const name of Object.keys(options.types ?? {})) {
    if (!columnNames.includes(name)) {
      throw planError('UNKNOWN_COLUMN', `schema override names unknown column "${name}" in ${path}; columns: ${columnNames.join(', ')}`);
    }
  }
  const { types: inferred, notes } = await inferTypes(file, path, columnNames, { ...splitBase, startOffset: dataOffset, firstLine: dataFirstLine }, options);
  const fields = columnNames.map((name, i) => {
    const type = options.types?.[name] ?? inferred[i]!;
    const note = options.types?.[name] === undefined ? notes[i] : undefined;
    const metadata = note ? new Map([[INFERENCE_NOTE, note]]) : undefined;
    return new Field(name, type === 'float64' ? new Float64() : new Utf8(), true, metadata);
  });
  return { path, columnNames, schema: new Schema(fields), dataOffset, dataFirstLine };
}

function parseHeader(bytes: Uint8Array, path: string, dialect: CsvDialect): string[] {
  const count = countFields(bytes, dialect);
  const names = Array.from({ length: count }, (_, i) => `#${i + 1}`);
  const ctx: ScanContext = {
    file: path,
    dialect,
    columnNames: names,
    slots: Int32Array.from(names, (_, i) => i),
    width: count,
    firstLine: 1,
    maxRows: 1,
  };
  const table = scanFields(bytes, ctx);
  const decoder = new TextDecoder();
  const columnNames = names.map((_, i) => decoder.decode(bytes.subarray(table.starts[i]!, table.ends[i]!)).replaceAll('""', '"').trim());
  const seen = new Set<string>();
  columnNames.forEach((name, i) => {
    if (name === '') throw inputError('EMPTY_HEADER', `header field ${i + 1} is empty; every column needs a name`, { file: path, line: 1 });
    if (seen.has(name)) throw inputError('DUPLICATE_HEADER', `column name "${name}" appears twice in the header`, { file: path, line: 1 });
    seen.add(name);
  });
  return columnNames;
}

/** Counts the fields of the first record, honouring quotes. */
function countFields(bytes: Uint8Array, dialect: CsvDialect): number {
  let count = 1;
  let inQuote = false;
  for (const b of bytes) {
    if (b === dialect.quote) inQuote = !inQuote;
    else if (!inQuote && b === dialect.delimiter) count++;
    else if (!inQuote && b === 10) break;
  }
  return count;
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 10) n++;
  return n;
}

async function inferTypes(
  file: FileHandle,
  path: string,
  columnNames: readonly string[],
  split: Omit<Parameters<typeof splitRecords>[1], 'recordsPerChunk'>,
  options: LayoutOptions,
): Promise<{ types: CsvColumnType[]; notes: (string | undefined)[] }> {
  const types: CsvColumnType[] = columnNames.map(() => 'utf8');
  const notes: (string | undefined)[] = columnNames.map(() => undefined);
  let sample;
  for await (const chunk of splitRecords(file, { ...split, recordsPerChunk: options.inferRows, maxChunkBytes: 8 << 20 })) {
    sample = chunk;
    break;
  }
  if (!sample) return { types, notes: notes.map(() => 'inferred as Utf8: the file has no data rows') };
  const table = scanFields(sample.bytes, {
    file: path,
    dialect: options.dialect,
    columnNames,
    slots: Int32Array.from(columnNames, (_, i) => i),
    width: columnNames.length,
    firstLine: sample.firstLine,
    maxRows: sample.records,
    ...(options.onBadRow ? { onBadRow: options.onBadRow } : {}),
  });
  columnNames.forEach((column, slot) => {
    try {
      const data = decodeFloat64(sample.bytes, table, slot, { file: path, column, quote: options.dialect.quote });
      // A column with no value in the sample stays Utf8, as Polars and DuckDB do.
      if (data.nullCount < data.length) types[slot] = 'float64';
      else notes[slot] = table.rows === 0 ? 'inferred as Utf8: the file has no data rows' : `inferred as Utf8: no values in the first ${table.rows} rows`;
    } catch (error) {
      types[slot] = 'utf8';
      const where = error instanceof FlowError && error.location.line !== undefined ? ` at line ${error.location.line}` : '';
      const reason = error instanceof Error ? error.message.replace(/^.*: (".*" is not a number).*$/, '$1') : 'text';
      notes[slot] = `inferred as Utf8 because ${reason}${where}`;
    }
  });
  return { types, notes };
}
