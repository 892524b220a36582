import { RecordBatchFileWriter, RecordBatchStreamWriter, type RecordBatch, type Schema } from 'apache-arrow';
import { AtomicFile } from './atomicFile.js';
import type { BatchSink } from './batchSink.js';

/**
 * Streams batches into an Arrow IPC file (`.arrow`, `.feather`) or stream (`.arrows`),
 * flushing each batch's bytes to disk as it is written.
 */
export async function arrowIpcSink(path: string, schema: Schema, format: 'file' | 'stream'): Promise<BatchSink> {
  const file = await AtomicFile.create(path);
  const pending: Uint8Array[] = [];
  const writer = format === 'file' ? new RecordBatchFileWriter() : new RecordBatchStreamWriter();
  const sink = {
    closed: Promise.resolve(),
    write: (chunk: Uint8Array) => void pending.push(chunk),
    close: () => undefined,
    abort: () => undefined,
  };
  writer.reset(sink as Parameters<typeof writer.reset>[0], schema);
  const flush = async () => {
    while (pending.length > 0) await file.write(pending.shift()!);
  };
  return {
    async write(batch: RecordBatch) {
      writer.write(batch);
      await flush();
    },
    async commit() {
      writer.finish();
      await flush();
      await file.commit();
    },
    async abort() {
      await file.abort();
    },
  };
}
