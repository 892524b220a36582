import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parquet } from '../../src/io/parquet/parquetSource.js';
import type { ParquetChunk } from '../../src/io/parquet/rowGroupReader.js';
import { standardScale } from '../../src/operators/standardScale.js';
import { pipeline } from '../../src/plan/pipeline.js';
import { buildPlan } from '../../src/plan/plan.js';
import { fitPipeline } from '../../src/runtime/fit.js';
import { openSource, type ChunkOptions, type OpenSource } from '../../src/runtime/source.js';
import { trainPipeline } from '../../src/train/trainPipeline.js';
import { duckParquet } from '../helpers/duckdb.js';
import { tempDirectory } from '../helpers/tempFiles.js';

const dir = tempDirectory();

/** The source, recording the order in which each pass asks for chunks. */
function recording(source: OpenSource, orders: (readonly ChunkOptions['order'][])[]): OpenSource {
  return {
    schema: source.schema,
    path: source.path,
    byteLength: source.byteLength,
    read: source.read,
    knownChunks: source.knownChunks,
    chunks(options = {}) {
      orders.push([options.order]);
      return source.chunks(options);
    },
    describe: () => source.describe(),
    notes: source.notes,
    close: () => source.close(),
  };
}

describe('training over Parquet', () => {
  it('reads row groups in a seeded shuffled order from epoch 1, known from the footers (no extents from a fit pass)', async () => {
    await tf.setBackend('cpu');
    const path = await duckParquet(
      `SELECT (i % 10)::DOUBLE AS x, (i % 2)::INTEGER AS y FROM range(8 * 2048) t(i)`,
      join(dir, 'train.parquet'),
      { rowGroupRows: 2048 },
    );
    const source = await openSource(parquet(path));
    const orders: (readonly ChunkOptions['order'][])[] = [];
    const plan = buildPlan(pipeline(parquet(path)).pipe(standardScale(['x'])).train({ label: 'y', features: ['x'], epochs: 1, batchSize: 512, seed: 3 }), source.schema);
    const { states } = await fitPipeline(plan, source);
    await trainPipeline({ plan, source: recording(source, orders), states });
    const order = orders[0]![0] as readonly ParquetChunk[];
    const groups = order.map((g) => g.rowGroup);
    expect([...groups].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(groups).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // The same seed gives the same order.
    const again: (readonly ChunkOptions['order'][])[] = [];
    await trainPipeline({ plan, source: recording(source, again), states });
    expect((again[0]![0] as readonly ParquetChunk[]).map((g) => g.rowGroup)).toEqual(groups);
    await source.close();
  });
});
