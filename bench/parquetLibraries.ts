// node bin/run-ts.js bench/parquetLibraries.ts [file.parquet]
// The library evaluation behind flow's choice of parquet-wasm (README, "Choosing the Parquet
// library"): read f0..f15 of a Parquet file one row group at a time with parquet-wasm and
// with hyparquet. hyparquet is not a dependency: install it for this script with
//   npm install --no-save hyparquet@1.33 hyparquet-compressors@1.1
// Run each library in its own process so that peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';

const [file = '.bench/binary-1g.parquet', library] = process.argv.slice(2);
const columns = Array.from({ length: 16 }, (_, i) => `f${i}`);

async function withParquetWasm(): Promise<number> {
  const { ParquetFile } = await import('parquet-wasm');
  const parquet = await ParquetFile.fromFile(await openAsBlob(file));
  const metadata = parquet.metadata();
  let rows = 0;
  for (let g = 0; g < metadata.numRowGroups(); g++) {
    const table = await parquet.read({ rowGroups: [g], columns, batchSize: metadata.rowGroup(g).numRows() });
    rows += tableFromIPC(table.intoIPCStream()).numRows;
  }
  return rows;
}

async function withHyparquet(): Promise<number> {
  const load = (name: string) => import(name).catch(() => {
    throw new Error('install hyparquet first: npm install --no-save hyparquet@1.33 hyparquet-compressors@1.1');
  });
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead } = await load('hyparquet');
  const { compressors } = await load('hyparquet-compressors');
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  let rows = 0;
  let start = 0;
  for (const group of metadata.row_groups as { num_rows: bigint }[]) {
    const end = start + Number(group.num_rows);
    await parquetRead({ file: buffer, metadata, columns, rowStart: start, rowEnd: end, compressors, onChunk: (chunk: { columnName: string; rowStart: number; rowEnd: number }) => {
      if (chunk.columnName === 'f0') rows += chunk.rowEnd - chunk.rowStart;
    } });
    start = end;
  }
  return rows;
}

if (library) {
  const started = performance.now();
  const rows = await (library === 'parquet-wasm' ? withParquetWasm() : withHyparquet());
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${library}: ${rows} rows, ${seconds.toFixed(2)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
} else {
  for (const name of ['parquet-wasm', 'hyparquet']) {
    const result = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/parquetLibraries.ts', file, name], { encoding: 'utf8' });
    process.stdout.write(result.status === 0 ? result.stdout : `${name}: ${result.stderr.split('\n').find((line) => line.includes('Error')) ?? 'failed'}\n`);
  }
}
