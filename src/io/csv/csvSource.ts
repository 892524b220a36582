import { open, readdir, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { FlowError, inputError } from '../../errors.js';
import type { BadRowPolicy } from './badRows.js';
import { readCsvLayout, type CsvColumnType, type CsvLayout } from './csvLayout.js';
import { dialectFrom, type CsvDialect } from './dialect.js';
import { parseSpecFor, type CsvParseSpec } from './parseChunk.js';
import { readChunk, splitRecords, type ChunkExtent, type CsvChunk } from './recordSplitter.js';

export interface CsvOptions {
  /** Field delimiter (default `,`). */
  readonly delimiter?: string;
  /** Quote character (default `"`). */
  readonly quote?: string;
  /** Column types that override inference, e.g. `{ id: 'utf8' }`. */
  readonly types?: Readonly<Record<string, CsvColumnType>>;
  /** Rows per record batch (default 65,536). */
  readonly batchSize?: number;
  /** A batch also ends at the first record boundary past this many bytes (default 64 MiB). */
  readonly maxBatchBytes?: number;
  /** Bytes per disk read (default 4 MiB). */
  readonly readBytes?: number;
  /** Rows sampled to infer column types (default 10,000). */
  readonly inferRows?: number;
  /**
   * A row that cannot be read (wrong field count, unparsable number, unterminated or stray
   * quote, invalid UTF-8): 'error' (default) fails the run naming file, line and column;
   * 'skip' drops it and counts it by reason in the run summary.
   */
  readonly onBadRow?: BadRowPolicy;
}

/** A CSV source as the pipeline describes it: nothing is opened until the plan runs. */
export interface CsvSourceSpec {
  readonly kind: 'csv';
  readonly path: string;
  readonly options: CsvOptions;
}

/**
 * Declares a CSV source. The file is read in bounded chunks; it is never loaded whole.
 *
 * @example
 * const source = csv('data/train.csv', { delimiter: ';', types: { zip: 'utf8' } });
 */
export function csv(path: string, options: CsvOptions = {}): CsvSourceSpec {
  return { kind: 'csv', path, options };
}

export const DEFAULT_BATCH_ROWS = 65_536;

/** An opened CSV source: its layout, and chunk streams in file order or in any order. */
export class CsvReader {
  private constructor(
    readonly spec: CsvSourceSpec,
    readonly layout: CsvLayout,
    readonly dialect: CsvDialect,
    private readonly file: FileHandle,
    readonly byteLength: number,
    private readonly modifiedMs: number,
  ) {}

  static async open(spec: CsvSourceSpec): Promise<CsvReader> {
    const dialect = dialectFrom(spec.options.delimiter, spec.options.quote);
    const file = await openInput(spec.path);
    try {
      const { size, mtimeMs } = await file.stat();
      const layout = await readCsvLayout(file, spec.path, {
        dialect,
        inferRows: spec.options.inferRows ?? 10_000,
        ...(spec.options.onBadRow ? { onBadRow: spec.options.onBadRow } : {}),
        ...(spec.options.types ? { types: spec.options.types } : {}),
      });
      return new CsvReader(spec, layout, dialect, file, size, mtimeMs);
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  parseSpec(columns?: readonly string[]): CsvParseSpec {
    return parseSpecFor(this.layout, this.dialect, this.spec.options.onBadRow ?? 'error', columns);
  }

  /** Chunks in file order. */
  chunks(signal?: AbortSignal): AsyncGenerator<CsvChunk> {
    return splitRecords(this.file, {
      dialect: this.dialect,
      startOffset: this.layout.dataOffset,
      firstLine: this.layout.dataFirstLine,
      recordsPerChunk: this.spec.options.batchSize ?? DEFAULT_BATCH_ROWS,
      maxChunkBytes: this.spec.options.maxBatchBytes ?? 64 << 20,
      readBytes: this.spec.options.readBytes ?? 4 << 20,
      ...(signal ? { signal } : {}),
    });
  }

  /** Chunks at the given extents, in the given order (used for shuffled epochs). */
  async *chunksAt(extents: readonly ChunkExtent[], signal?: AbortSignal): AsyncGenerator<CsvChunk> {
    for (const extent of extents) {
      signal?.throwIfAborted();
      yield await readChunk(this.file, this.spec.path, extent);
    }
  }

  /** Fails when the file changed (grew, shrank, was rewritten) since it was opened. */
  async assertUnchanged(): Promise<void> {
    const { size, mtimeMs } = await this.file.stat();
    if (size !== this.byteLength || mtimeMs !== this.modifiedMs) {
      throw inputError('FILE_CHANGED', `the file changed while flow was reading it (${this.byteLength} bytes when opened, now ${size}); rerun on a stable copy`, {
        file: this.spec.path,
      });
    }
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

async function openInput(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const nearby = await siblingsLike(path);
      const hint = nearby.length > 0 ? `; files with that extension there: ${nearby.join(', ')}` : '';
      throw inputError('MISSING_FILE', `file not found (looked for ${resolve(path)})${hint}`, { file: path });
    }
    if (code === 'EISDIR') throw inputError('NOT_A_FILE', 'is a directory, expected a CSV file', { file: path });
    if (code === 'EACCES') throw inputError('UNREADABLE_FILE', 'permission denied', { file: path });
    throw new FlowError('input', 'UNREADABLE_FILE', `${path}: ${(error as Error).message}`, { file: path });
  }
}

async function siblingsLike(path: string): Promise<string[]> {
  try {
    const extension = extname(path);
    const names = await readdir(dirname(path));
    return names.filter((n) => extname(n) === extension && n !== basename(path)).slice(0, 8);
  } catch {
    return [];
  }
}
