import { RecordBatchFileWriter, RecordBatchStreamWriter, type RecordBatch, type Schema } from 'apache-arrow';
import { AtomicFile } from './atomicFile.js';
import type { BatchSink } from './batchSink.js';

/**
 * Streams batches into an Arrow IPC file (`.arrow`, `.feather`) or stream (`.arrows`).
 * The writer's byte stream is drained to disk as batches are written, so at most one
 * batch's bytes wait in memory.
 */
export async function arrowIpcSink(path: string, schema: Schema, format: 'file' | 'stream'): Promise<BatchSink> {
  const file = await AtomicFile.create(path);
  const writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  writer.reset(undefined, schema);
  const drained = (async () => {
    for await (const bytes of writer) await file.write(bytes);
  })();
  drained.catch(() => undefined); // observed in commit()
  return {
    async write(batch: RecordBatch) {
      writer.write(batch);
    },
    async commit() {
      writer.close();
      await drained;
      await file.commit();
    },
    async abort() {
      writer.abort();
      await drained.catch(() => undefined);
      await file.abort();
    },
  };
}
