// Peer implementations of pass 1 (parse, drop rows with a null feature, mean and population
// variance of f0..f15), timed in the same process as the benchmark.
import { DuckDBInstance } from '@duckdb/node-api';
import * as tf from '@tensorflow/tfjs';
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { emptyWelford, populationVariance, welfordUpdate } from '../src/operators/welford.js';

export const FEATURES = Array.from({ length: 16 }, (_, i) => `f${i}`);

export interface Moments {
  readonly rows: number;
  readonly mean: number[];
  readonly variance: number[];
}

/** DuckDB with its default threads: `SELECT count(*), avg(fi), var_pop(fi) … WHERE all fi IS NOT NULL` over read_csv or read_parquet. */
export async function duckdbPass1(file: string): Promise<Moments> {
  const reader = file.endsWith('.parquet') ? 'read_parquet' : 'read_csv';
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const select = FEATURES.map((f) => `avg(${f}) AS m_${f}, var_pop(${f}) AS v_${f}`).join(', ');
  const where = FEATURES.map((f) => `${f} IS NOT NULL`).join(' AND ');
  const result = await connection.runAndReadAll(`SELECT count(*) AS n, ${select} FROM ${reader}('${resolve(file)}') WHERE ${where}`);
  const row = result.getRowObjects()[0]!;
  connection.closeSync();
  return { rows: Number(row.n), mean: FEATURES.map((f) => Number(row[`m_${f}`])), variance: FEATURES.map((f) => Number(row[`v_${f}`])) };
}

/** csv-parse streaming records, then the same Welford accumulator flow uses, one row at a time. */
/** Writes `csvFile` as Parquet with DuckDB (default row groups of 122,880 rows). */
export async function duckdbToParquet(csvFile: string, parquetFile: string, codec: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run(`COPY (SELECT * FROM read_csv('${resolve(csvFile)}')) TO '${resolve(parquetFile)}' (FORMAT parquet, COMPRESSION ${codec})`);
  connection.closeSync();
}

export async function csvParsePass1(file: string): Promise<Moments> {
  const state = emptyWelford(FEATURES.length);
  const indices: number[] = [];
  const values = new Float64Array(1);
  let rows = 0;
  let header = true;
  for await (const record of createReadStream(file).pipe(parse()) as AsyncIterable<string[]>) {
    if (header) {
      for (const f of FEATURES) indices.push(record.indexOf(f));
      header = false;
      continue;
    }
    if (indices.some((i) => record[i] === '')) continue;
    rows++;
    indices.forEach((i, c) => {
      values[0] = Number(record[i]);
      welfordUpdate(state, c, values);
    });
  }
  return { rows, mean: FEATURES.map((_, c) => state.mean[c]!), variance: FEATURES.map((_, c) => populationVariance(state, c)) };
}

/** tf.data.csv over a file it can hold (it reads the whole file into memory first). */
export async function tfDataPass1(file: string): Promise<Moments> {
  await tf.setBackend('cpu');
  const dataset = tf.data.csv(`file://${resolve(file)}`, { hasHeader: true });
  const state = emptyWelford(FEATURES.length);
  const values = new Float64Array(1);
  let rows = 0;
  await dataset.forEachAsync((row) => {
    const record = row as Record<string, number | string | undefined>;
    if (FEATURES.some((f) => record[f] === undefined || record[f] === '')) return;
    rows++;
    FEATURES.forEach((f, c) => {
      values[0] = Number(record[f]);
      welfordUpdate(state, c, values);
    });
  });
  return { rows, mean: FEATURES.map((_, c) => state.mean[c]!), variance: FEATURES.map((_, c) => populationVariance(state, c)) };
}
