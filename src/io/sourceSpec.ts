import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { csv, type CsvSourceSpec } from './csv/csvSource.js';
import { isGlob } from './parquet/parquetFiles.js';
import { parquet, type ParquetSourceSpec } from './parquet/parquetSource.js';

export type SourceSpec = CsvSourceSpec | ParquetSourceSpec;

const PARQUET_EXTENSIONS = new Set(['.parquet', '.pq']);

/**
 * The source for `--input PATH` given the pipeline's own source: the same kind keeps its
 * options; otherwise the kind follows the path (a .parquet/.pq file, a directory or a glob
 * is Parquet; anything else is CSV with default options).
 */
export function sourceForInput(current: SourceSpec, path: string): SourceSpec {
  const kind = PARQUET_EXTENSIONS.has(extname(path).toLowerCase()) || isGlob(path) || isDirectory(path) ? 'parquet' : 'csv';
  if (kind === current.kind) return { ...current, path };
  return kind === 'parquet' ? parquet(path) : csv(path);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
