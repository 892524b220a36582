import { openAsBlob } from 'node:fs';
import { tableFromIPC, type Data, type RecordBatch, type Schema } from 'apache-arrow';
import type { ParquetFile } from 'parquet-wasm';
import { inputError, internalError } from '../../errors.js';
import { recordBatch } from '../arrow/columns.js';
import { normalizedColumn } from './arrowTypes.js';
import { partitionColumn } from './hivePartitions.js';
import { trapPanics } from './trapPanics.js';

/** Hive partition columns of a dataset: their names, and each file's values (plain data, for workers). */
export interface PartitionValues {
  readonly names: readonly string[];
  readonly values: readonly (readonly (string | null)[])[];
}

/** One non-empty row group of one file of a Parquet dataset: the unit of work, and plain data. */
export interface ParquetChunk {
  readonly kind: 'parquet';
  /** Index into the dataset's files. */
  readonly file: number;
  readonly rowGroup: number;
  /** Rows before this row group in the whole dataset (row numbers in messages and the holdout hash). */
  readonly firstRow: number;
  readonly rows: number;
  /** Compressed bytes of the row group, for progress. */
  readonly bytes: number;
}

/**
 * Opens a Parquet file for random access: the Blob reads byte ranges on demand, never the
 * whole file. parquet-wasm is loaded on first use, so CSV-only runs and workers never
 * instantiate its WebAssembly module.
 */
export async function openParquetFile(path: string): Promise<ParquetFile> {
  const { ParquetFile } = await import('parquet-wasm');
  try {
    return await ParquetFile.fromFile(await openAsBlob(path));
  } catch (error) {
    throw inputError('BAD_PARQUET', `not a readable Parquet file (${messageOf(error)})`, { file: path });
  }
}

/** Files a reader keeps open (each holds its footer in WebAssembly memory). */
const OPEN_FILES = 8;

/**
 * Decodes single row groups, reading and decompressing only the requested columns.
 * Keeps the last OPEN_FILES files it used open (one reader per thread, reads one at a
 * time), so a dataset of thousands of parts costs no more than a few.
 */
export class RowGroupReader {
  private readonly open = new Map<string, Promise<ParquetFile>>();

  /** `partitions`: Hive partition column names, and each file's values for them. */
  constructor(
    readonly files: readonly string[],
    readonly partitions: PartitionValues = { names: [], values: [] },
  ) {}

  /** The row group as one batch with the columns of `schema` (a projection of the dataset's schema). */
  async read(chunk: ParquetChunk, schema: Schema): Promise<RecordBatch> {
    const path = this.files[chunk.file]!;
    const { names, values } = this.partitions;
    const partitionValue = (name: string) => values[chunk.file]![names.indexOf(name)]!;
    const columns = schema.fields.map((f) => f.name).filter((name) => !names.includes(name));
    const fromFile = columns.length === 0 ? new Map<string, Data>() : await this.decode(chunk, path, columns);
    const data = schema.fields.map((field) => {
      if (names.includes(field.name)) return partitionColumn(field, partitionValue(field.name), chunk.rows);
      const column = fromFile.get(field.name);
      if (!column) throw inputError('SCHEMA_MISMATCH', `row group ${chunk.rowGroup} has no column "${field.name}"`, { file: path });
      return normalizedColumn(column);
    });
    return recordBatch(schema, data, chunk.rows);
  }

  /**
   * The named columns of one row group, as parquet-wasm decodes them. Columns are read a
   * few at a time (up to READ_BUDGET_BYTES uncompressed per read): parquet-wasm's
   * WebAssembly memory grows to the largest single read and never shrinks, so this keeps
   * each thread's share small even for row groups of millions of rows.
   */
  private async decode(chunk: ParquetChunk, path: string, columns: string[]): Promise<Map<string, Data>> {
    let file = this.open.get(path);
    if (file) this.open.delete(path); // re-inserted below as the most recent
    else {
      file = openParquetFile(path);
      if (this.open.size >= OPEN_FILES) {
        const [oldest, handle] = this.open.entries().next().value!;
        this.open.delete(oldest);
        release(handle);
      }
    }
    this.open.set(path, file);
    const opened = await file;
    const decoded = new Map<string, Data>();
    for (const group of readGroups(opened, chunk.rowGroup, columns)) {
      const batch = await this.decodeColumns(opened, chunk, path, group);
      batch.schema.fields.forEach((field, i) => decoded.set(field.name, batch.data.children[i]!));
    }
    return decoded;
  }

  private async decodeColumns(opened: ParquetFile, chunk: ParquetChunk, path: string, columns: string[]): Promise<RecordBatch> {
    let batches: RecordBatch[];
    try {
      const table = await trapPanics(opened.read({ rowGroups: [chunk.rowGroup], columns, batchSize: Math.max(chunk.rows, 1) }));
      batches = tableFromIPC(table.intoIPCStream()).batches;
    } catch (error) {
      throw inputError('BAD_PARQUET', `cannot decode row group ${chunk.rowGroup} (rows ${chunk.firstRow + 1}–${chunk.firstRow + chunk.rows}): ${messageOf(error)}`, { file: path });
    }
    if (batches.length !== 1 || batches[0]!.numRows !== chunk.rows) {
      throw internalError(`row group ${chunk.rowGroup} of ${path} decoded to ${batches.length} batches of ${batches.map((b) => b.numRows).join('+')} rows, expected one of ${chunk.rows}`);
    }
    return batches[0]!;
  }

  /** How many files are open now. */
  get openFileCount(): number {
    return this.open.size;
  }

  close(): void {
    for (const file of this.open.values()) release(file);
    this.open.clear();
  }
}

function release(file: Promise<ParquetFile>): void {
  void file.then(
    (f) => {
      try {
        f.free();
      } catch {
        // A read that trapped leaves the file borrowed; the run is failing anyway.
      }
    },
    () => undefined,
  );
}

/** Uncompressed bytes decoded per parquet-wasm read. */
const READ_BUDGET_BYTES = 8 << 20;

/** The columns split into consecutive groups of at most READ_BUDGET_BYTES uncompressed (at least one column each). */
function readGroups(file: ParquetFile, rowGroup: number, columns: readonly string[]): string[][] {
  const sizes = new Map<string, number>();
  const metadata = file.metadata();
  const group = metadata.rowGroup(rowGroup);
  for (const chunk of group.columns()) {
    const top = chunk.columnPath()[0]!;
    sizes.set(top, (sizes.get(top) ?? 0) + chunk.uncompressedSize());
    chunk.free();
  }
  group.free();
  metadata.free();
  const groups: string[][] = [];
  let bytes = Infinity;
  for (const column of columns) {
    const size = sizes.get(column) ?? 0;
    if (bytes + size > READ_BUDGET_BYTES) {
      groups.push([]);
      bytes = 0;
    }
    groups[groups.length - 1]!.push(column);
    bytes += size;
  }
  return groups;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
