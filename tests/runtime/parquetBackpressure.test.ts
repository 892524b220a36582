import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParquetDataset } from '../../src/io/parquet/parquetDataset.js';
import { parquet } from '../../src/io/parquet/parquetSource.js';
import { RowGroupReader } from '../../src/io/parquet/rowGroupReader.js';
import { pipeline } from '../../src/plan/pipeline.js';
import { buildPlan } from '../../src/plan/plan.js';
import { standardScale } from '../../src/operators/standardScale.js';
import { emptyCounts } from '../../src/runtime/progress.js';
import { openSource, type SourceChunk } from '../../src/runtime/source.js';
import { transformChunks } from '../../src/runtime/transform.js';
import { fitPipeline } from '../../src/runtime/fit.js';
import { duckParquet } from '../helpers/duckdb.js';
import { tempDirectory } from '../helpers/tempFiles.js';

const dir = tempDirectory();
const GROUPS = 24;

async function manyRowGroups(): Promise<string> {
  return duckParquet(`SELECT i::DOUBLE AS a, (i % 97)::DOUBLE AS b, 'row ' || i::VARCHAR AS s FROM range(${GROUPS * 2048}) t(i)`, join(dir, 'groups.parquet'), { rowGroupRows: 2048 });
}

describe('a Parquet file of many row groups is read with bounded memory', () => {
  it('a slow consumer stalls the row-group reader: at most one row group is decoded ahead', async () => {
    const path = await manyRowGroups();
    const source = await openSource(parquet(path));
    let pulled = 0;
    const counting: typeof source = {
      ...source,
      schema: source.schema,
      path: source.path,
      byteLength: source.byteLength,
      read: source.read,
      async *chunks(options) {
        for await (const chunk of source.chunks(options)) {
          pulled++;
          yield chunk as SourceChunk;
        }
      },
      close: () => source.close(),
    };
    const plan = buildPlan(pipeline(parquet(path)).pipe(standardScale(['a'])), source.schema);
    const { states } = await fitPipeline(plan, source);
    let consumed = 0;
    for await (const out of transformChunks(plan, counting, states, { pass: { kind: 'batches' }, counts: emptyCounts() })) {
      consumed++;
      expect(out.rowsRead).toBe(2048);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(pulled - consumed).toBeLessThanOrEqual(1);
    }
    expect(consumed).toBe(GROUPS);
  });

  it("the decoder's WebAssembly memory is set by the row-group size, not the number of row groups", async () => {
    const path = await manyRowGroups();
    const dataset = await ParquetDataset.open(parquet(path));
    const reader = new RowGroupReader(dataset.files);
    const { wasmMemory } = await import('parquet-wasm');
    for (const group of dataset.rowGroups.slice(0, 2)) await reader.read(group, dataset.schema);
    const afterTwo = wasmMemory().buffer.byteLength;
    for (const group of dataset.rowGroups) await reader.read(group, dataset.schema);
    expect(wasmMemory().buffer.byteLength).toBe(afterTwo);
    reader.close();
  });
});
