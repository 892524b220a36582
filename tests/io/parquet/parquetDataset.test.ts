import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordBatch } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { asFloat64Values, decimalText } from '../../../src/io/arrow/numeric.js';
import { ParquetDataset } from '../../../src/io/parquet/parquetDataset.js';
import { parquet } from '../../../src/io/parquet/parquetSource.js';
import { RowGroupReader } from '../../../src/io/parquet/rowGroupReader.js';
import { duckdb, duckParquet, duckRows } from '../../helpers/duckdb.js';
import { tempDirectory } from '../../helpers/tempFiles.js';

const dir = tempDirectory();

/** Nulls, dictionary strings, int64 beyond 2^53, decimals, dates and three timestamp units. */
const FIXTURE = `SELECT i::INTEGER AS id,
  CASE WHEN i % 7 = 0 THEN NULL ELSE (9007199254740993 + i * 1000003)::BIGINT END AS big,
  CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3.0 END AS x,
  (i * 0.25)::FLOAT AS f,
  i % 2 = 0 AS flag,
  'cat' || (i % 4)::VARCHAR AS city,
  CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || i::VARCHAR END AS note,
  DATE '2020-02-29' + (i - 1000)::INTEGER AS day,
  TIMESTAMP '2021-06-01 12:00:00' + INTERVAL (i * 1001) MILLISECOND AS ts_us,
  (TIMESTAMP '2021-06-01 12:00:00' + INTERVAL (i) SECOND)::TIMESTAMP_MS AS ts_ms,
  (TIMESTAMP '2021-06-01 12:00:00' + INTERVAL (i * 7) MICROSECOND)::TIMESTAMP_NS AS ts_ns,
  (i / 100.0 - 5)::DECIMAL(9,2) AS price,
  (i * 123456789.125)::DECIMAL(38,3) AS wide
FROM range(5000) t(i)`;

/** DuckDB cuts row groups at multiples of its 2,048-row vectors. */
const GROUP = 2048;

const CODECS = ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4_raw'];

async function readAll(path: string, columns?: string[]): Promise<{ dataset: ParquetDataset; batches: RecordBatch[] }> {
  const dataset = await ParquetDataset.open(parquet(path));
  const reader = dataset.reader();
  const schema = columns ? dataset.schema.select(columns) : dataset.schema;
  const batches: RecordBatch[] = [];
  for (const group of dataset.rowGroups) batches.push(await reader.read(group, schema));
  reader.close();
  return { dataset, batches };
}

function column(batches: RecordBatch[], name: string): unknown[] {
  return batches.flatMap((b) => [...b.getChild(name)!]);
}

describe('Parquet written by DuckDB', () => {
  it.each(CODECS)('%s: every type and null matches what DuckDB reads back', async (codec) => {
    const path = await duckParquet(FIXTURE, join(dir, `${codec}.parquet`), { codec, rowGroupRows: GROUP });
    // The fixture covers both string encodings: `city` dictionary-encoded, `note` plain.
    const encodings = await duckRows(`SELECT path_in_schema AS c, encodings AS e FROM parquet_metadata('${path}') WHERE row_group_id = 0 AND path_in_schema IN ('city', 'note') ORDER BY c`);
    expect(encodings).toEqual([{ c: 'city', e: 'PLAIN_DICTIONARY' }, { c: 'note', e: 'PLAIN' }]);
    const { dataset, batches } = await readAll(path);
    expect(dataset.rowGroups.map((g) => [g.rowGroup, g.firstRow, g.rows])).toEqual([
      [0, 0, 2048],
      [1, 2048, 2048],
      [2, 4096, 904],
    ]);
    expect(dataset.schema.fields.map((f) => `${f.name}: ${String(f.type)}`)).toEqual([
      'id: Int32', 'big: Int64', 'x: Float64', 'f: Float32', 'flag: Bool', 'city: Utf8', 'note: Utf8', 'day: Date32<DAY>',
      'ts_us: Timestamp<MICROSECOND>', 'ts_ms: Timestamp<MILLISECOND>', 'ts_ns: Timestamp<NANOSECOND>', 'price: Decimal[9e+2]', 'wide: Decimal[38e+3]',
    ]);
    const expected = await duckRows(`SELECT id, big::VARCHAR AS big, x, f, flag, city, note, (day - DATE '1970-01-01')::INTEGER AS day,
      epoch_us(ts_us)::VARCHAR AS ts_us, epoch_ms(ts_ms)::VARCHAR AS ts_ms, epoch_ns(ts_ns)::VARCHAR AS ts_ns, price::VARCHAR AS price, wide::VARCHAR AS wide,
      price::DOUBLE AS price_double FROM read_parquet('${path}') ORDER BY id`);
    const got = (name: string) => column(batches, name);
    expect(got('id')).toEqual(expected.map((r) => r.id));
    expect(got('big').map((v) => (v === null ? null : String(v)))).toEqual(expected.map((r) => r.big));
    expect(got('x')).toEqual(expected.map((r) => r.x));
    expect(got('f')).toEqual(expected.map((r) => r.f));
    expect(got('flag')).toEqual(expected.map((r) => r.flag));
    expect(got('city')).toEqual(expected.map((r) => r.city));
    expect(got('note')).toEqual(expected.map((r) => r.note));
    const numeric = (name: string) => batches.flatMap((b) => [...asFloat64Values(b.getChild(name)!.data[0]!)]);
    expect(numeric('day')).toEqual(expected.map((r) => r.day));
    for (const unit of ['ts_us', 'ts_ms', 'ts_ns']) {
      expect(batches.flatMap((b) => [...(b.getChild(unit)!.data[0]!.values as BigInt64Array)].map(String))).toEqual(expected.map((r) => r[unit]));
    }
    for (const name of ['price', 'wide']) {
      const texts = batches.flatMap((b) => {
        const data = b.getChild(name)!.data[0]!;
        return Array.from({ length: data.length }, (_, r) => decimalText(data.values as Uint32Array, r * 4, 4, (data.type as unknown as { scale: number }).scale));
      });
      expect(texts).toEqual(expected.map((r) => r[name]));
    }
    // Decimals as features equal Number(text), like DuckDB's cast to DOUBLE.
    expect(numeric('price')).toEqual(expected.map((r) => r.price_double));
  });

  it('reads only the requested columns: their values, and from disk only their bytes', async () => {
    const path = await duckParquet(
      `SELECT i::DOUBLE AS small, repeat(md5(i::VARCHAR), 20) AS wide FROM range(5000) t(i)`,
      join(dir, 'projection.parquet'),
      { codec: 'uncompressed', rowGroupRows: GROUP },
    );
    // Every byte range parquet-wasm reads goes through Blob.slice on the file's Blob.
    const slice = Blob.prototype.slice;
    let bytesRead = 0;
    Blob.prototype.slice = function (this: Blob, start?: number, end?: number, type?: string) {
      bytesRead += (end ?? this.size) - (start ?? 0);
      return slice.call(this, start, end, type);
    };
    try {
      const { batches } = await readAll(path, ['small']);
      expect(batches[0]!.schema.fields.map((f) => f.name)).toEqual(['small']);
      expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(5000);
    } finally {
      Blob.prototype.slice = slice;
    }
    const size = readFileSync(path).length;
    expect(size).toBeGreaterThan(3_000_000); // the wide column: 640 bytes a row
    expect(bytesRead).toBeGreaterThan(5000 * 8); // at least `small` itself: the spy sees the reads
    expect(bytesRead).toBeLessThan(size / 10); // the footer and `small` (8 bytes a row)
  });
});

describe('datasets of several files', () => {
  it('reads a directory of part files as one dataset, skipping _SUCCESS and hidden files', async () => {
    const parts = join(dir, 'parts');
    mkdirSync(join(parts, 'nested'), { recursive: true });
    await duckParquet('SELECT i AS a FROM range(0, 5000) t(i)', join(parts, 'part-0.parquet'), { rowGroupRows: GROUP });
    await duckParquet('SELECT i AS a FROM range(5000, 5100) t(i)', join(parts, 'nested', 'part-1.parquet'));
    writeFileSync(join(parts, '_SUCCESS'), '');
    writeFileSync(join(parts, '.part-0.parquet.crc'), 'x');
    const { dataset, batches } = await readAll(parts);
    expect(dataset.files.map((f) => f.slice(parts.length + 1))).toEqual(['nested/part-1.parquet', 'part-0.parquet']);
    expect(dataset.rowGroups.map((g) => [g.file, g.firstRow])).toEqual([[0, 0], [1, 100], [1, 2148], [1, 4196]]);
    expect(column(batches, 'a').map(Number).sort((p, q) => p - q)).toEqual([...Array(5100).keys()]);
  });

  it('adds Hive partition columns (key=value directories), typed, URL-decoded, null for the default partition', async () => {
    const hive = join(dir, 'hive');
    await (await duckdb()).run(`COPY (SELECT i::DOUBLE AS a, i % 3 AS year, CASE WHEN i % 2 = 0 THEN 'x' ELSE 'y z/w' END AS tag,
      CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 4) * 0.5 END AS ratio FROM range(600) t(i)) TO '${hive}' (FORMAT parquet, PARTITION_BY (year, tag, ratio))`);
    writeFileSync(join(hive, '_SUCCESS'), '');
    const { dataset, batches } = await readAll(hive);
    expect(dataset.schema.fields.map((f) => `${f.name}: ${String(f.type)}`)).toEqual(['a: Float64', 'year: Int64', 'tag: Utf8', 'ratio: Float64']);
    const rows = batches
      .flatMap((b) => [...b].map((row) => ({ a: row.a as number, year: String(row.year), tag: row.tag as string, ratio: row.ratio as number | null })))
      .sort((p, q) => p.a - q.a);
    const expected = await duckRows(`SELECT a, year::VARCHAR AS year, tag, ratio::DOUBLE AS ratio FROM read_parquet('${hive}/**/*.parquet', hive_partitioning = true) ORDER BY a`);
    expect(rows).toEqual(expected);
    expect(rows.filter((r) => r.ratio === null)).toHaveLength(120);
    // The partition columns are made, not read: a projection of only them decodes no file column.
    const { batches: onlyYear } = await readAll(hive, ['year']);
    expect(onlyYear.reduce((n, b) => n + b.numRows, 0)).toBe(600);
  });

  it('refuses parts partitioned by different keys', async () => {
    const mixed = join(dir, 'mixed-hive');
    mkdirSync(join(mixed, 'year=1'), { recursive: true });
    mkdirSync(join(mixed, 'month=2'), { recursive: true });
    await duckParquet('SELECT 1 AS a', join(mixed, 'year=1', 'p.parquet'));
    await duckParquet('SELECT 1 AS a', join(mixed, 'month=2', 'p.parquet'));
    await expect(ParquetDataset.open(parquet(mixed))).rejects.toThrow(/year=1.*p\.parquet: partition directories year= differ from month= in/);
  });

  it('keeps at most 8 files open while reading a dataset of many parts', async () => {
    const many = join(dir, 'many');
    mkdirSync(many, { recursive: true });
    for (let p = 0; p < 12; p++) await duckParquet(`SELECT ${p} * 10 + i AS a FROM range(10) t(i)`, join(many, `part-${String(p).padStart(2, '0')}.parquet`));
    const dataset = await ParquetDataset.open(parquet(many));
    const reader = dataset.reader();
    const values: number[] = [];
    for (const group of [...dataset.rowGroups, ...dataset.rowGroups.slice(0, 3)]) {
      values.push(...[...(await reader.read(group, dataset.schema)).getChild('a')!].map(Number));
      expect(reader.openFileCount).toBeLessThanOrEqual(8);
    }
    expect(values).toEqual([...Array(120).keys(), ...Array(30).keys()]);
    reader.close();
  });

  it('expands a glob', async () => {
    const globbed = join(dir, 'glob');
    mkdirSync(globbed, { recursive: true });
    for (const name of ['2026-01.parquet', '2026-02.parquet', '2025-12.parquet']) await duckParquet('SELECT 1 AS a', join(globbed, name));
    const dataset = await ParquetDataset.open(parquet(join(globbed, '2026-*.parquet')));
    expect(dataset.files.map((f) => f.slice(globbed.length + 1))).toEqual(['2026-01.parquet', '2026-02.parquet']);
    await expect(ParquetDataset.open(parquet(join(globbed, '2027-*.parquet')))).rejects.toThrow(/no files match the glob/);
  });

  it('refuses parts whose schemas differ, naming the file and the column', async () => {
    const mixed = join(dir, 'mixed');
    mkdirSync(mixed, { recursive: true });
    await duckParquet('SELECT 1::BIGINT AS a, 2.0::DOUBLE AS b', join(mixed, 'part-0.parquet'));
    await duckParquet('SELECT 1::INTEGER AS a, 2.0::DOUBLE AS b', join(mixed, 'part-1.parquet'));
    await expect(ParquetDataset.open(parquet(mixed))).rejects.toThrow(/part-1\.parquet: column "a" is Int32 here but Int64 in .*part-0\.parquet/);
  });

  it('a row group that fails to decode is an error naming the file and the row group', async () => {
    const path = await duckParquet(`SELECT random() AS a FROM range(5000) t(i)`, join(dir, 'corrupt.parquet'), { rowGroupRows: GROUP });
    const bytes = readFileSync(path);
    bytes.fill(0xff, 4 + 1000, 4 + 1400); // inside the first column chunk; the footer stays intact
    writeFileSync(path, bytes);
    const dataset = await ParquetDataset.open(parquet(path));
    const reader = dataset.reader();
    await expect(reader.read(dataset.rowGroups[0]!, dataset.schema)).rejects.toThrow(/corrupt\.parquet: cannot decode row group 0 \(rows 1–2048\): the decoder aborted/);
    reader.close();
  });

  it('names the file that is missing or not Parquet', async () => {
    await expect(ParquetDataset.open(parquet(join(dir, 'absent.parquet')))).rejects.toThrow(/absent\.parquet: file not found/);
    const fake = join(dir, 'fake.parquet');
    writeFileSync(fake, 'id,x\n1,2\n');
    await expect(ParquetDataset.open(parquet(fake))).rejects.toThrow(/fake\.parquet: not a readable Parquet file/);
  });
});
