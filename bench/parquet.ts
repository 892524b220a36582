// Parquet pass 1: flow against DuckDB read_parquet on the same ZSTD file, and flow's peak
// memory over a 1 GB and a 4 GB dataset written with the same row-group size.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flow, log, mb, median, timed } from './harness.js';
import { duckdbPass1, duckdbToParquet, FEATURES, type Moments } from './peers.js';

export interface ParquetBenchOptions {
  readonly csv: string;
  /** A larger CSV of the same schema, for the memory comparison (skipped without it). */
  readonly bigCsv?: string;
  readonly runs: number;
  readonly directory: string;
}

async function asParquet(csv: string, codec: string): Promise<string> {
  const path = csv.replace(/\.csv$/, codec === 'zstd' ? '.parquet' : `-${codec}.parquet`);
  if (!existsSync(path)) {
    log(`writing ${path} with DuckDB (${codec})…`);
    await duckdbToParquet(csv, path, codec);
  }
  return path;
}

export async function parquetSection(options: ParquetBenchOptions): Promise<string[]> {
  const { runs, directory } = options;
  const fittedPath = join(directory, 'fitted-parquet.json');
  const lines = ['| pass 1 over Parquet (dropNulls, mean/var of f0..f15) | file | median s | vs DuckDB | whole process s |', '|---|---|---|---|---|'];
  let worst = 0;
  for (const codec of ['zstd', 'snappy']) {
    const file = await asParquet(options.csv, codec);
    const flowTimes: number[] = [];
    const processTimes: number[] = [];
    const duckTimes: number[] = [];
    let duck: Moments | undefined;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      flowTimes.push(flow(['fit', 'examples/binary.ts', '--input', file, '--out', fittedPath, '--workers', '2']).seconds);
      processTimes.push((performance.now() - started) / 1000);
      const { seconds, value } = await timed(() => duckdbPass1(file));
      duck = value;
      duckTimes.push(seconds);
      log(`parquet ${codec}: flow ${flowTimes.at(-1)!.toFixed(2)} s (process ${processTimes.at(-1)!.toFixed(2)} s), DuckDB ${seconds.toFixed(2)} s`);
    }
    const fitted = JSON.parse(readFileSync(fittedPath, 'utf8')).stages[0].state.columns;
    FEATURES.forEach((f, c) => {
      worst = Math.max(worst, Math.abs(fitted[f].mean - duck!.mean[c]!) / Math.abs(duck!.mean[c]!), Math.abs(fitted[f].variance - duck!.variance[c]!) / duck!.variance[c]!);
    });
    const size = `${mb(file).toFixed(0)} MB ${codec.toUpperCase()}`;
    lines.push(`| flow fit --workers 2 | ${size} | ${median(flowTimes).toFixed(2)} | ${(median(flowTimes) / median(duckTimes)).toFixed(2)}× the time | ${median(processTimes).toFixed(2)} |`);
    lines.push(`| DuckDB read_parquet (default threads) | ${size} | ${median(duckTimes).toFixed(2)} | 1.00× | — |`);
  }
  lines.push('', `flow vs DuckDB statistics over Parquet: worst relative difference ${worst.toExponential(2)}.`);

  if (options.bigCsv) {
    const small = await asParquet(options.csv, 'zstd');
    const big = await asParquet(options.bigCsv, 'zstd');
    const rss = (file: string) => flow(['fit', 'examples/binary.ts', '--input', file, '--out', fittedPath]).peakRssBytes / 2 ** 20;
    const [a, b] = [rss(small), rss(big)];
    log(`parquet fit peak RSS: ${a.toFixed(0)} MiB vs ${b.toFixed(0)} MiB`);
    lines.push('', '| peak RSS, flow fit over ZSTD Parquet (122,880-row groups) | ' + `${mb(small).toFixed(0)} MB file | ${mb(big).toFixed(0)} MB file | ratio |`, '|---|---|---|---|');
    lines.push(`| flow fit (2 workers) | ${a.toFixed(0)} MiB | ${b.toFixed(0)} MiB | ${(b / a).toFixed(3)} |`);
  }
  return lines;
}
