import { stat } from 'node:fs/promises';
import { Schema, tableFromIPC } from 'apache-arrow';
import type { ParquetFile } from 'parquet-wasm';
import { inputError } from '../../errors.js';
import { normalizedSchema } from './arrowTypes.js';
import { hivePartitioning, type HivePartitioning } from './hivePartitions.js';
import { parquetFiles } from './parquetFiles.js';
import type { ParquetSourceSpec } from './parquetSource.js';
import { messageOf, openParquetFile, RowGroupReader, type ParquetChunk, type PartitionValues } from './rowGroupReader.js';

interface FileState {
  readonly size: number;
  readonly modifiedMs: number;
}

/**
 * An opened Parquet dataset: its files (one, a directory's parts, or a glob's matches),
 * their common schema plus any Hive partition columns, and every non-empty row group,
 * read from the footers only.
 */
export class ParquetDataset {
  private constructor(
    readonly spec: ParquetSourceSpec,
    readonly files: readonly string[],
    /** The files' columns, then the partition columns. */
    readonly schema: Schema,
    readonly partitioning: HivePartitioning,
    readonly rowGroups: readonly ParquetChunk[],
    /** Uncompressed bytes of the largest row group, all columns: what one reader may hold. */
    readonly largestRowGroupBytes: number,
    private readonly states: readonly FileState[],
  ) {}

  static async open(spec: ParquetSourceSpec): Promise<ParquetDataset> {
    const { root, files } = await parquetFiles(spec.path);
    let schema: Schema | undefined;
    const rowGroups: ParquetChunk[] = [];
    const states: FileState[] = [];
    let firstRow = 0;
    let largest = 0;
    for (const [index, path] of files.entries()) {
      const { size, mtimeMs } = await stat(path);
      states.push({ size, modifiedMs: mtimeMs });
      const file = await openParquetFile(path);
      try {
        const fileSchema = readSchema(file, path);
        if (schema === undefined) schema = fileSchema;
        else assertSameSchema(schema, files[0]!, fileSchema, path);
        const metadata = file.metadata();
        for (let g = 0; g < metadata.numRowGroups(); g++) {
          const group = metadata.rowGroup(g);
          const rows = group.numRows();
          if (rows > 0) rowGroups.push({ kind: 'parquet', file: index, rowGroup: g, firstRow, rows, bytes: group.compressedSize() });
          largest = Math.max(largest, group.totalByteSize());
          firstRow += rows;
        }
      } finally {
        file.free();
      }
    }
    const partitioning = hivePartitioning(root, files, schema!);
    const full = new Schema([...schema!.fields, ...partitioning.fields], schema!.metadata);
    return new ParquetDataset(spec, files, full, partitioning, rowGroups, largest, states);
  }

  /** The partition columns' names and each file's values, as plain data for readers. */
  get partitionValues(): PartitionValues {
    return { names: this.partitioning.fields.map((f) => f.name), values: this.partitioning.values };
  }

  /** A reader for this dataset's row groups (on this thread). */
  reader(): RowGroupReader {
    return new RowGroupReader(this.files, this.partitionValues);
  }

  /** Compressed bytes of all row groups. */
  get byteLength(): number {
    return this.rowGroups.reduce((sum, g) => sum + g.bytes, 0);
  }

  /** Fails when any file changed (size or modification time) since the dataset was opened. */
  async assertUnchanged(): Promise<void> {
    for (const [index, path] of this.files.entries()) {
      const was = this.states[index]!;
      const now = await stat(path).catch(() => undefined);
      if (!now || now.size !== was.size || now.mtimeMs !== was.modifiedMs) {
        throw inputError('FILE_CHANGED', `the file changed while flow was reading it (${was.size} bytes when opened, now ${now?.size ?? 'gone'}); rerun on a stable copy`, { file: path });
      }
    }
  }
}

function readSchema(file: ParquetFile, path: string): Schema {
  try {
    return normalizedSchema(tableFromIPC(file.schema().intoIPCStream()).schema);
  } catch (error) {
    throw inputError('BAD_PARQUET', `cannot read the schema (${messageOf(error)})`, { file: path });
  }
}

/** Part files must agree on column names and types (columns are matched by name, in any order). */
function assertSameSchema(expected: Schema, expectedPath: string, actual: Schema, path: string): void {
  const describe = (s: Schema) => s.fields.map((f) => `${f.name}: ${String(f.type)}`).join(', ');
  const mismatch = (why: string) =>
    inputError('SCHEMA_MISMATCH', `${why}; every part of a dataset must have the same schema (${expectedPath} has ${describe(expected)})`, { file: path });
  for (const field of expected.fields) {
    const other = actual.fields.find((f) => f.name === field.name);
    if (!other) throw mismatch(`column "${field.name}" is missing`);
    if (String(other.type) !== String(field.type)) throw mismatch(`column "${field.name}" is ${String(other.type)} here but ${String(field.type)} in ${expectedPath}`);
  }
  const extra = actual.fields.find((f) => !expected.fields.some((e) => e.name === f.name));
  if (extra) throw mismatch(`column "${extra.name}" is not in ${expectedPath}`);
}
