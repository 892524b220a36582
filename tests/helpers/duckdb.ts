import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

let connection: Promise<DuckDBConnection> | undefined;

/** One in-memory DuckDB connection per test file: the independent reader and writer of Parquet fixtures. */
export function duckdb(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  return connection;
}

/** Writes the result of `query` as Parquet with DuckDB's own writer. */
export async function duckParquet(query: string, path: string, options: { codec?: string; rowGroupRows?: number } = {}): Promise<string> {
  const db = await duckdb();
  await db.run(`COPY (${query}) TO '${path}' (FORMAT parquet, COMPRESSION ${options.codec ?? 'zstd'}, ROW_GROUP_SIZE ${options.rowGroupRows ?? 122_880})`);
  return path;
}

/** Rows of a query as JSON-compatible objects (BIGINT and DECIMAL as strings). */
export async function duckRows(query: string): Promise<Record<string, unknown>[]> {
  const db = await duckdb();
  return (await db.runAndReadAll(query)).getRowObjectsJson() as Record<string, unknown>[];
}
