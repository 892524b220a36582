/** A Parquet source as the pipeline describes it: nothing is opened until the plan runs. */
export interface ParquetSourceSpec {
  readonly kind: 'parquet';
  /** One file, a directory of part files (Spark, DuckDB, Polars layouts), or a glob such as `data/*.parquet`. */
  readonly path: string;
}

/**
 * Declares a Parquet source. It is read row group by row group, and only the columns the
 * plan uses are read and decompressed; the file is never loaded whole.
 *
 * @example
 * const source = parquet('data/events/');          // every part file, as one dataset
 * const source = parquet('data/2026-*.parquet');   // a glob
 */
export function parquet(path: string): ParquetSourceSpec {
  return { kind: 'parquet', path };
}
