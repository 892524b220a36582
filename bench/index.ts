// npm run bench [-- --runs 3 --gb 1 --big-gb 4 --skip-memory --skip-speed --skip-csv --skip-parquet]
// Pass-1 speed against DuckDB, csv-parse and tf.data; the same over ZSTD Parquet against
// DuckDB read_parquet; peak memory on a 1 GB and a 4 GB file; training stall. Each timing is the median of --runs runs. Data is generated under .bench/
// (git-ignored) on first use.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeBinaryDataset } from '../src/gen/binaryDataset.js';
import { flow, log, mb, median, timed } from './harness.js';
import { parquetSection } from './parquet.js';
import { csvParsePass1, duckdbPass1, tfDataPass1, FEATURES, type Moments } from './peers.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option('runs', 3);
const gb = option('gb', 1);
const bigGb = option('big-gb', 4);
const skipMemory = args.includes('--skip-memory');
const skipSpeed = args.includes('--skip-speed');
const skipParquet = args.includes('--skip-parquet');
const skipCsv = args.includes('--skip-csv');
const dir = '.bench';
const ROWS_PER_GB = 5_450_000; // ~183 bytes per row in the example schema
mkdirSync(dir, { recursive: true });

async function dataset(name: string, rows: number): Promise<string> {
  const path = join(dir, name);
  if (!existsSync(path)) {
    log(`generating ${path} (${rows.toLocaleString('en-US')} rows)…`);
    await writeBinaryDataset(path, { rows, seed: 7 });
  }
  return path;
}

/** The first `lines` lines of `file` (header included), for peers too slow for the whole file. */
async function slice(file: string, lines: number, name: string): Promise<string> {
  const path = join(dir, name);
  if (existsSync(path)) return path;
  const out = createWriteStream(path);
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (n++ >= lines) break;
    out.write(`${line}\n`);
  }
  await new Promise((r) => out.end(r));
  return path;
}

/** Data rows in a file (the example data has no newlines inside quotes). */
async function dataRows(file: string): Promise<number> {
  let newlines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) newlines++;
  }
  return newlines - 1;
}

interface SpeedRow {
  readonly name: string;
  readonly file: string;
  readonly seconds: number;
}

const main = await dataset(`binary-${gb}g.csv`, Math.round(gb * ROWS_PER_GB));
const lines: string[] = [];
lines.push(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}. Median of ${runs} runs.`);
if (!skipSpeed && !skipCsv) lines.push('', ...(await speedSection()));

/** Pass-1 throughput of flow and its peers, and agreement of the statistics with DuckDB. */
async function speedSection(): Promise<string[]> {
  const speed: SpeedRow[] = [];

  for (const workers of [1, 2]) {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const s = flow(['fit', 'examples/binary.ts', '--input', main, '--out', join(dir, 'fitted.json'), '--workers', String(workers)]);
      times.push(s.seconds);
      log(`flow --workers ${workers}: ${s.seconds.toFixed(2)} s`);
    }
    speed.push({ name: `flow fit --workers ${workers}`, file: main, seconds: median(times) });
  }

  let duckMoments: Moments | undefined;
  {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const { seconds, value } = await timed(() => duckdbPass1(main));
      duckMoments = value;
      times.push(seconds);
      log(`duckdb: ${seconds.toFixed(2)} s`);
    }
    speed.push({ name: 'DuckDB read_csv (default threads)', file: main, seconds: median(times) });
  }

  const csvSlice = await slice(main, 1_000_000, 'slice-1m.csv');
  for (const [name, file, peer] of [
    ['csv-parse stream + Welford', csvSlice, csvParsePass1],
    ['tf.data.csv + Welford', await slice(main, 200_000, 'slice-200k.csv'), tfDataPass1],
  ] as const) {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const { seconds } = await timed(() => peer(file));
      times.push(seconds);
      log(`${name}: ${seconds.toFixed(2)} s on ${mb(file).toFixed(0)} MB`);
    }
    speed.push({ name, file, seconds: median(times) });
  }

  // Agreement of flow's fitted statistics with DuckDB's.
  const fitted = JSON.parse(readFileSync(join(dir, 'fitted.json'), 'utf8')).stages[0].state.columns;
  let worstRelative = 0;
  FEATURES.forEach((f, c) => {
    worstRelative = Math.max(worstRelative, Math.abs(fitted[f].mean - duckMoments!.mean[c]!) / Math.abs(duckMoments!.mean[c]!));
    worstRelative = Math.max(worstRelative, Math.abs(fitted[f].variance - duckMoments!.variance[c]!) / Math.abs(duckMoments!.variance[c]!));
  });

  const flow1 = speed[0]!;
  const flowMBs = (row: SpeedRow) => mb(row.file) / row.seconds;
  const rowsIn = new Map<string, number>();
  for (const row of speed) if (!rowsIn.has(row.file)) rowsIn.set(row.file, await dataRows(row.file));
  const lines: string[] = [];
  lines.push('| pass 1 (parse, dropNulls, mean/var of f0..f15) | input | median s | MB/s | rows/s | vs flow --workers 2 |');
  lines.push('|---|---|---|---|---|---|');
  const flow2 = speed[1]!;
  for (const row of speed) {
    const rowsPerSecond = rowsIn.get(row.file)! / row.seconds;
    lines.push(`| ${row.name} | ${mb(row.file).toFixed(0)} MB | ${row.seconds.toFixed(2)} | ${flowMBs(row).toFixed(1)} | ${Math.round(rowsPerSecond).toLocaleString('en-US')} | ${(flowMBs(row) / flowMBs(flow2)).toFixed(2)}× |`);
  }
  lines.push('');
  lines.push(`flow --workers 2 vs --workers 1: ${(flow1.seconds / flow2.seconds).toFixed(2)}×. flow vs DuckDB statistics: worst relative difference ${worstRelative.toExponential(2)}.`);

  return lines;
}

if (!skipParquet) {
  const bigCsv = skipMemory ? undefined : await dataset(`binary-${bigGb}g.csv`, Math.round(bigGb * ROWS_PER_GB));
  lines.push('', ...(await parquetSection({ csv: main, ...(bigCsv ? { bigCsv } : {}), runs, directory: dir })));
}

if (!skipMemory && !skipCsv) {
  const big = await dataset(`binary-${bigGb}g.csv`, Math.round(bigGb * ROWS_PER_GB));
  lines.push('');
  lines.push('| peak RSS | ' + `${mb(main).toFixed(0)} MB file | ${mb(big).toFixed(0)} MB file | ratio |`);
  lines.push('|---|---|---|---|');
  for (const [name, command] of [
    ['flow fit', ['fit', 'examples/binary.ts', '--out', join(dir, 'fitted-mem.json')]],
    ['flow run --epochs 1 --batch-size 1024', ['run', 'examples/binary.ts', '--epochs', '1', '--batch-size', '1024', '--out', join(dir, 'out-mem')]],
  ] as const) {
    const small = flow([...command, '--input', main]).peakRssBytes / 2 ** 20;
    const large = flow([...command, '--input', big]).peakRssBytes / 2 ** 20;
    log(`${name}: ${small.toFixed(0)} MiB vs ${large.toFixed(0)} MiB`);
    lines.push(`| ${name} | ${small.toFixed(0)} MiB | ${large.toFixed(0)} MiB | ${(large / small).toFixed(3)} |`);
  }
}

// Stall: the share of training-loop time spent waiting for the next minibatch (wasm, batch 32).
if (!skipCsv) await stallSection();

async function stallSection(): Promise<void> {
  const stallFile = await slice(main, 300_000, 'slice-300k.csv');
  const stall = flow(['run', 'examples/binary.ts', '--input', stallFile, '--epochs', '1', '--backend', 'wasm', '--out', join(dir, 'out-stall')]);
  lines.push('');
  lines.push(`Training stall (wasm, batch 32, ${mb(stallFile).toFixed(0)} MB, 1 epoch): waited ${stall.stall.waitSeconds.toFixed(2)} s of ${(stall.stall.waitSeconds + stall.stall.stepSeconds).toFixed(1)} s = ${(100 * stall.stall.share).toFixed(2)}%.`);
}

const report = lines.join('\n');
writeFileSync(join(dir, 'results.md'), `${report}\n`);
process.stdout.write(`${report}\n`);
