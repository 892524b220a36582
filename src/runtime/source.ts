import { Schema, Table, tableToIPC } from 'apache-arrow';
import { CsvReader, type CsvSourceSpec } from '../io/csv/csvSource.js';
import { extentOf, type ChunkExtent, type CsvChunk } from '../io/csv/recordSplitter.js';
import { ParquetDataset } from '../io/parquet/parquetDataset.js';
import type { ParquetSourceSpec } from '../io/parquet/parquetSource.js';
import type { ParquetChunk } from '../io/parquet/rowGroupReader.js';
import type { SourceSpec } from '../io/sourceSpec.js';
import type { SourceRead } from './chunkJob.js';

/** A chunk as read: CSV bytes of whole records, or a Parquet row group (decoded where it is processed). */
export type SourceChunk = CsvChunk | ParquetChunk;

/** Where a chunk lies, so that it can be read again in any order (shuffled epochs). */
export type ChunkRef = ChunkExtent | ParquetChunk;

export function isParquetChunk(chunk: SourceChunk | ChunkRef): chunk is ParquetChunk {
  return 'kind' in chunk && chunk.kind === 'parquet';
}

/** Source bytes behind a chunk, for progress and throughput. */
export function chunkByteLength(chunk: SourceChunk): number {
  return isParquetChunk(chunk) ? chunk.bytes : chunk.bytes.length;
}

export interface ChunkOptions {
  /** Read these chunks in this order (a permutation of chunks recorded earlier). */
  readonly order?: readonly ChunkRef[];
  /** Receives every chunk's reference, when reading in file order. */
  readonly record?: ChunkRef[];
  readonly signal?: AbortSignal;
}

/** An opened source: its schema, and chunk streams in file order or in a given order. */
export interface OpenSource {
  readonly schema: Schema;
  readonly path: string;
  /** Bytes to read per pass (compressed bytes for Parquet), for progress. */
  readonly byteLength: number;
  /** What a chunk processor (inline or in a worker) needs to decode chunks: plain data. */
  readonly read: SourceRead;
  /** Every chunk, when known without reading the data (Parquet row groups; CSV chunks are found by reading). */
  readonly knownChunks: readonly ChunkRef[] | undefined;
  chunks(options?: ChunkOptions): AsyncGenerator<SourceChunk>;
  /** One line for `flow explain`. */
  describe(): string;
  /** Things the user should know before the run (printed as notes). */
  readonly notes: readonly string[];
  close(): Promise<void>;
}

const LARGE_ROW_GROUP_BYTES = 256 * 2 ** 20;
const megabytes = (bytes: number) => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

export async function openSource(spec: SourceSpec): Promise<OpenSource> {
  return spec.kind === 'parquet' ? ParquetSource.open(spec) : CsvSource.open(spec);
}

class CsvSource implements OpenSource {
  readonly knownChunks = undefined;
  readonly notes = [];

  private constructor(readonly reader: CsvReader) {}

  static async open(spec: CsvSourceSpec): Promise<CsvSource> {
    return new CsvSource(await CsvReader.open(spec));
  }

  get schema(): Schema {
    return this.reader.layout.schema;
  }

  get path(): string {
    return this.reader.spec.path;
  }

  get byteLength(): number {
    return this.reader.byteLength;
  }

  get read(): SourceRead {
    const { projection: _unused, ...parse } = this.reader.parseSpec([]);
    return { kind: 'csv', parse };
  }

  async *chunks(options: ChunkOptions = {}): AsyncGenerator<CsvChunk> {
    // Every pass checks that the file is still the one the plan (and earlier passes) saw.
    await this.reader.assertUnchanged();
    if (options.order) {
      yield* this.reader.chunksAt(options.order as readonly ChunkExtent[], options.signal);
    } else {
      for await (const chunk of this.reader.chunks(options.signal)) {
        options.record?.push(extentOf(chunk));
        yield chunk;
      }
    }
    await this.reader.assertUnchanged();
  }

  describe(): string {
    return `CSV ${this.path} (${megabytes(this.byteLength)})`;
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}

/** Parquet chunks are row-group references; whoever processes one reads and decodes it. */
class ParquetSource implements OpenSource {
  readonly read: SourceRead;

  private constructor(readonly dataset: ParquetDataset) {
    this.read = { kind: 'parquet', files: dataset.files, partitions: dataset.partitionValues, schema: tableToIPC(new Table(dataset.schema), 'stream') };
  }

  static async open(spec: ParquetSourceSpec): Promise<ParquetSource> {
    return new ParquetSource(await ParquetDataset.open(spec));
  }

  get schema(): Schema {
    return this.dataset.schema;
  }

  get path(): string {
    return this.dataset.spec.path;
  }

  get byteLength(): number {
    return this.dataset.byteLength;
  }

  get knownChunks(): readonly ParquetChunk[] {
    return this.dataset.rowGroups;
  }

  /** Row groups are the unit of work, so a very large one sets each worker's memory. */
  get notes(): string[] {
    const largest = this.dataset.largestRowGroupBytes;
    if (largest <= LARGE_ROW_GROUP_BYTES) return [];
    return [
      `row groups of up to ${megabytes(largest)} uncompressed (all columns): each worker decodes one whole row group, so peak memory grows with it; ` +
        'rewrite with smaller row groups (flow transform --out x.parquet writes 131,072-row groups) or use fewer --workers',
    ];
  }

  async *chunks(options: ChunkOptions = {}): AsyncGenerator<ParquetChunk> {
    await this.dataset.assertUnchanged();
    for (const group of (options.order as readonly ParquetChunk[] | undefined) ?? this.dataset.rowGroups) {
      options.signal?.throwIfAborted();
      if (!options.order) options.record?.push(group);
      yield group;
    }
    await this.dataset.assertUnchanged();
  }

  describe(): string {
    const { files, rowGroups } = this.dataset;
    const rows = rowGroups.reduce((sum, g) => sum + g.rows, 0);
    const parts = files.length === 1 ? '1 file' : `${files.length} files`;
    const groups = rowGroups.length === 1 ? '1 row group' : `${rowGroups.length} row groups`;
    return `Parquet ${this.path} (${parts}, ${groups}, ${rows.toLocaleString('en-US')} rows, ${megabytes(this.byteLength)} compressed)`;
  }

  async close(): Promise<void> {}
}
