import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBinaryDataset } from '../../src/gen/binaryDataset.js';
import { duckdb, duckParquet, duckRows } from '../helpers/duckdb.js';
import { pipelineSource, runFlow } from '../helpers/runFlow.js';
import { tempDirectory, writeTemp } from '../helpers/tempFiles.js';

const dir = tempDirectory();
const csvData = join(dir, 'binary.csv');
const parquetData = join(dir, 'binary.parquet');
let pipelineFile: string;

beforeAll(async () => {
  await writeBinaryDataset(csvData, { rows: 6000, seed: 11 });
  // The same rows, written by DuckDB into several row groups.
  await duckParquet(`SELECT * FROM read_csv('${csvData}')`, parquetData, { rowGroupRows: 2048 });
  pipelineFile = writeTemp(
    dir,
    pipelineSource(`
const features = Array.from({ length: 16 }, (_, i) => 'f' + i);
export default pipeline(parquet('none.parquet'))
  .pipe(dropNulls(features), select([...features, 'target', 'id']), standardScale(features))
  .train({ label: 'target', features, epochs: 2 });`),
    'parquet.pipeline.ts',
  );
});

function fit(input: string, workers: number) {
  const out = join(dir, `fit-${workers}-${input.endsWith('.csv') ? 'csv' : 'parquet'}.json`);
  const result = runFlow(['fit', pipelineFile, '--input', input, '--out', out, '--workers', String(workers), '--quiet']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8'));
}

describe('Parquet sources in the pipeline', () => {
  it('fitting standardScale on Parquet gives the statistics of the same data as CSV', () => {
    const fromCsv = fit(csvData, 0);
    const fromParquet = fit(parquetData, 0);
    expect(fromParquet.rowsFitted).toBe(fromCsv.rowsFitted);
    const columns = (f: typeof fromCsv) => f.stages[0].state.columns as Record<string, { count: number; mean: number; variance: number }>;
    for (const [name, expected] of Object.entries(columns(fromCsv))) {
      const got = columns(fromParquet)[name]!;
      expect(got.count).toBe(expected.count);
      // Same values, merged at different chunk boundaries: equal up to merge-order rounding.
      expect(Math.abs(got.mean - expected.mean)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected.mean), Math.sqrt(expected.variance)));
      expect(Math.abs(got.variance - expected.variance)).toBeLessThanOrEqual(1e-12 * expected.variance);
    }
  });

  it('flow explain names the dataset and the columns each pass reads from it', () => {
    const result = runFlow(['explain', pipelineFile, '--input', parquetData]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^source: Parquet .*binary\.parquet \(1 file, 3 row groups, 6,000 rows, [\d.]+ MB compressed\)\n/);
    expect(result.stdout).toMatch(/source schema: id: Int64, f0: Float64,/);
    expect(result.stdout).toMatch(/pass 1 \(fit standardScale.*\): reads f0, f1, .*f15; runs in worker threads/);
  });

  it('fits on a Hive-partitioned directory in workers, partition columns included', async () => {
    const hive = join(dir, 'hive');
    await (await duckdb()).run(`COPY (SELECT f0, id % 3 AS shard FROM read_csv('${csvData}')) TO '${hive}' (FORMAT parquet, PARTITION_BY (shard))`);
    const file = writeTemp(dir, pipelineSource(`export default pipeline(parquet('none')).pipe(dropNulls(['f0']), standardScale(['f0', 'shard']));`), 'hive.pipeline.ts');
    const out = join(dir, 'hive-fit.json');
    const result = runFlow(['fit', file, '--input', hive, '--out', out, '--workers', '2', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const columns = JSON.parse(readFileSync(out, 'utf8')).stages[0].state.columns;
    const [expected] = await duckRows(`SELECT count(*)::INTEGER AS n, avg(f0) AS m0, var_pop(f0) AS v0, avg(id % 3) AS m1, var_pop(id % 3) AS v1 FROM read_csv('${csvData}') WHERE f0 IS NOT NULL`);
    expect(columns.f0.count).toBe(expected!.n);
    expect(columns.f0.mean).toBeCloseTo(expected!.m0 as number, 10);
    expect(columns.f0.variance / (expected!.v0 as number)).toBeCloseTo(1, 10);
    expect(columns.shard.mean).toBeCloseTo(expected!.m1 as number, 10);
    expect(columns.shard.variance).toBeCloseTo(expected!.v1 as number, 10);
  });

  it('decodes row groups in workers with the same result as inline', () => {
    expect(fit(parquetData, 2).stages).toEqual(fit(parquetData, 0).stages);
  });

  it('trains on shuffled row groups: same seed, same metrics; the row count matches the file', () => {
    const runs = [0, 1].map((k) => {
      const out = join(dir, `run${k}`);
      const result = runFlow(['run', pipelineFile, '--input', parquetData, '--out', out, '--workers', '2', '--backend', 'cpu', '--json', '--quiet']);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    });
    expect(runs[0].rowsRead).toBe(6000);
    expect(runs[0].epochs).toHaveLength(2);
    expect(runs[1].epochs).toEqual(runs[0].epochs);
    expect(runs[0].epochs[1].valAccuracy).toBeGreaterThan(0.6);
  });
});

describe('flow predict over Parquet', () => {
  it('writes predictions to Parquet beside the exact Int64 ids of the kept rows', async () => {
    const out = join(dir, 'predict-model');
    const trained = runFlow(['run', pipelineFile, '--input', parquetData, '--epochs', '1', '--out', out, '--backend', 'cpu', '--quiet']);
    expect(trained.code, trained.stderr).toBe(0);
    const predictions = join(dir, 'predictions.parquet');
    const result = runFlow(['predict', out, '--input', parquetData, '--out', predictions, '--keep', 'id', '--backend', 'cpu', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const nulls = Array.from({ length: 16 }, (_, i) => `f${i} IS NULL`).join(' OR ');
    const expected = await duckRows(`SELECT count(*)::INTEGER AS n, sum(id)::VARCHAR AS ids FROM read_parquet('${parquetData}') WHERE NOT (${nulls})`);
    const got = await duckRows(`SELECT count(*)::INTEGER AS n, sum(id)::VARCHAR AS ids, typeof(any_value(id)) AS type, min(prediction) >= 0 AND max(prediction) <= 1 AS probabilities FROM read_parquet('${predictions}')`);
    expect(got).toEqual([{ ...expected[0], type: 'BIGINT', probabilities: true }]);
  });
});

describe('flow gen --out x.parquet', () => {
  it('writes the example dataset as Parquet with its CSV types', async () => {
    const out = join(dir, 'gen.parquet');
    const result = runFlow(['gen', 'binary', '--rows', '500', '--out', out, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(await duckRows(`SELECT count(*)::INTEGER AS n, count(f3)::INTEGER < 500 AS someNull, typeof(any_value(f0)) AS f0, typeof(any_value(cat)) AS cat FROM read_parquet('${out}')`)).toEqual([
      { n: 500, someNull: true, f0: 'DOUBLE', cat: 'VARCHAR' },
    ]);
  });
});

describe('bad Parquet input', () => {
  it.each([0, 2])('a corrupt row group is a one-line error naming the file and row group (--workers %i)', async (workers) => {
    const path = await duckParquet('SELECT random() AS a FROM range(5000) t(i)', join(dir, `corrupt${workers}.parquet`), { rowGroupRows: 2048 });
    const bytes = readFileSync(path);
    bytes.fill(0xff, 1004, 1404);
    writeFileSync(path, bytes);
    const file = writeTemp(dir, pipelineSource(`export default pipeline(parquet('none.parquet')).pipe(standardScale(['a']));`), `corrupt${workers}.pipeline.ts`);
    const result = runFlow(['fit', file, '--input', path, '--out', join(dir, 'corrupt.json'), '--workers', String(workers), '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^flow: error \[BAD_PARQUET\]: .*corrupt\d\.parquet: cannot decode row group 0 \(rows 1–2048\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'corrupt.json'))).toBe(false);
  });
});

describe('flow transform --out x.parquet', () => {
  const typed = `SELECT i::INTEGER AS id,
    CASE WHEN i % 7 = 0 THEN NULL ELSE (9007199254740993 + i)::BIGINT END AS big,
    CASE WHEN i % 5 = 0 THEN NULL ELSE i / 8.0 END AS x,
    CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i::VARCHAR END AS note,
    'cat' || (i % 4)::VARCHAR AS city,
    i % 2 = 0 AS flag,
    TIMESTAMP '2021-06-01 12:00:00' + INTERVAL (i * 1001) MILLISECOND AS ts,
    (i / 100.0 - 5)::DECIMAL(9,2) AS price
  FROM range(5000) t(i)`;

  it('keeps values, types and nulls, compresses with ZSTD and records null counts', async () => {
    const input = await duckParquet(typed, join(dir, 'typed.parquet'), { codec: 'snappy', rowGroupRows: 2048 });
    const file = writeTemp(dir, pipelineSource(`export default pipeline(parquet('none.parquet')).pipe(select(['id', 'big', 'x', 'note', 'city', 'flag', 'ts', 'price']));`), 'roundtrip.pipeline.ts');
    const out = join(dir, 'roundtrip.parquet');
    const result = runFlow(['transform', file, '--input', input, '--out', out, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const describe = (path: string) => duckRows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${path}'))`);
    expect(await describe(out)).toEqual(await describe(input));
    const difference = await duckRows(
      `SELECT count(*)::INTEGER AS n FROM ((SELECT * FROM read_parquet('${input}') EXCEPT ALL SELECT * FROM read_parquet('${out}')) UNION ALL (SELECT * FROM read_parquet('${out}') EXCEPT ALL SELECT * FROM read_parquet('${input}')))`,
    );
    expect(difference).toEqual([{ n: 0 }]);
    const nulls = await duckRows(`SELECT count(*) FILTER (WHERE big IS NULL)::INTEGER AS big, count(*) FILTER (WHERE note IS NULL)::INTEGER AS note, max(big)::VARCHAR AS maxBig FROM read_parquet('${out}')`);
    expect(nulls).toEqual([{ big: 715, note: 1667, maxBig: '9007199254745992' }]);
    const chunks = await duckRows(`SELECT DISTINCT compression FROM parquet_metadata('${out}')`);
    expect(chunks).toEqual([{ compression: 'ZSTD' }]);
    const stats = await duckRows(`SELECT sum(stats_null_count)::INTEGER AS n FROM parquet_metadata('${out}') WHERE path_in_schema = 'note'`);
    expect(stats).toEqual([{ n: 1667 }]);
    // flow reads its own output back to the same rows.
    const again = join(dir, 'roundtrip-again.parquet');
    const back = runFlow(['transform', file, '--input', out, '--out', again, '--quiet']);
    expect(back.code, back.stderr).toBe(0);
    expect(await describe(again)).toEqual(await describe(input));
    expect(await duckRows(`SELECT count(*)::INTEGER AS n FROM (SELECT * FROM read_parquet('${again}') EXCEPT ALL SELECT * FROM read_parquet('${input}'))`)).toEqual([{ n: 0 }]);
  });

  it('writes a CSV source as Parquet with Float64 features, nulls intact, and leaves no temp file', async () => {
    const file = writeTemp(dir, pipelineSource(`export default pipeline(csv('none.csv')).pipe(select(['id', 'f0', 'note', 'target']));`), 'csv2pq.pipeline.ts');
    const out = join(dir, 'from-csv.parquet');
    const result = runFlow(['transform', file, '--input', csvData, '--out', out, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    const expected = await duckRows(`SELECT count(*)::INTEGER AS n, count(f0)::INTEGER AS f0, count(note)::INTEGER AS note, sum(f0) AS s FROM read_csv('${csvData}')`);
    const got = await duckRows(`SELECT count(*)::INTEGER AS n, count(f0)::INTEGER AS f0, count(note)::INTEGER AS note, sum(f0) AS s FROM read_parquet('${out}')`);
    expect(got).toEqual(expected);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('--compression picks another codec', async () => {
    const file = writeTemp(dir, pipelineSource(`export default pipeline(parquet('none.parquet')).pipe(select(['id', 'f0']));`), 'codec.pipeline.ts');
    const out = join(dir, 'snappy-out.parquet');
    const result = runFlow(['transform', file, '--input', parquetData, '--out', out, '--compression', 'snappy', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(await duckRows(`SELECT DISTINCT compression FROM parquet_metadata('${out}')`)).toEqual([{ compression: 'SNAPPY' }]);
  });

  it('a failing transform leaves no Parquet file behind', () => {
    const file = writeTemp(dir, pipelineSource(`export default pipeline(parquet('none.parquet')).pipe(select(['nope']));`), 'bad.pipeline.ts');
    const out = join(dir, 'never.parquet');
    const result = runFlow(['transform', file, '--input', parquetData, '--out', out, '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown column "nope"/);
    expect(existsSync(out)).toBe(false);
  });
});
