import { rm } from 'node:fs/promises';
import { csv } from '../io/csv/csvSource.js';
import { parquetSink } from '../io/sinks/parquetSink.js';
import { pipeline } from '../plan/pipeline.js';
import { buildPlan } from '../plan/plan.js';
import { emptyCounts } from '../runtime/progress.js';
import { openSource } from '../runtime/source.js';
import { transformChunks } from '../runtime/transform.js';

/**
 * Writes a generated CSV dataset as Parquet: `write` produces a temporary CSV beside `path`,
 * which flow's own CSV source streams into the Parquet sink (ZSTD, 131,072-row groups).
 *
 * @example
 * await asParquet('data/binary.parquet', (csvPath) => writeBinaryDataset(csvPath, { rows: 20_000 }));
 */
export async function asParquet(path: string, write: (csvPath: string) => Promise<void>): Promise<void> {
  const csvPath = `${path}.tmp-${process.pid}.csv`;
  try {
    await write(csvPath);
    const source = await openSource(csv(csvPath));
    try {
      const plan = buildPlan(pipeline(csv(csvPath)), source.schema);
      const sink = await parquetSink(path, source.schema);
      try {
        for await (const chunk of transformChunks(plan, source, new Map(), { pass: { kind: 'batches' }, counts: emptyCounts() })) {
          if (chunk.kind === 'batches') for (const batch of chunk.batches) await sink.write(batch);
        }
        await sink.commit();
      } catch (error) {
        await sink.abort();
        throw error;
      }
    } finally {
      await source.close();
    }
  } finally {
    await rm(csvPath, { force: true });
  }
}
