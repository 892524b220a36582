import { RecordBatch, Struct, Table, makeData, tableToIPC, vectorFromArray, type Schema } from 'apache-arrow';
import type { RecordBatch as WasmRecordBatch } from 'parquet-wasm';
import { FlowError } from '../../errors.js';
import { AtomicFile } from './atomicFile.js';
import type { BatchSink } from './batchSink.js';

export const PARQUET_CODECS = ['zstd', 'snappy', 'gzip', 'brotli', 'lz4_raw', 'uncompressed'] as const;
export type ParquetCompression = (typeof PARQUET_CODECS)[number];

export interface ParquetSinkOptions {
  /** Default ZSTD. */
  readonly compression?: ParquetCompression;
  /** Rows per row group (default 131,072): the writer holds at most one row group in memory. */
  readonly rowGroupRows?: number;
}

const END = Symbol('end');
type Item = WasmRecordBatch | typeof END;

/**
 * Streams batches into a Parquet file through parquet-wasm's streaming writer: each batch
 * is handed over when the writer asks for the next one, the writer cuts row groups of
 * `rowGroupRows`, and its output bytes go straight to disk. The Arrow schema (Int64,
 * decimals, timestamps, nullability) is kept and every column chunk gets statistics,
 * null counts included. Written to a temporary file and renamed on commit.
 */
export async function parquetSink(path: string, schema: Schema, options: ParquetSinkOptions = {}): Promise<BatchSink> {
  const pw = await import('parquet-wasm');
  const file = await AtomicFile.create(path);
  const codec = { uncompressed: pw.Compression.UNCOMPRESSED, snappy: pw.Compression.SNAPPY, gzip: pw.Compression.GZIP, zstd: pw.Compression.ZSTD, brotli: pw.Compression.BROTLI, lz4_raw: pw.Compression.LZ4_RAW }[options.compression ?? 'zstd'];
  const properties = new pw.WriterPropertiesBuilder()
    .setCompression(codec)
    .setMaxRowGroupSize(options.rowGroupRows ?? 131_072)
    .setCreatedBy('flow')
    .build();

  // A one-slot handoff: `pull` (the writer wants a batch) parks a deliverer; `give` waits for one.
  let deliver: ((item: Item) => void) | undefined;
  let wanted: () => void = () => undefined;
  let asked = new Promise<void>((resolve) => (wanted = resolve));
  const input = new ReadableStream<WasmRecordBatch>(
    {
      pull: (controller) =>
        new Promise<void>((resolve) => {
          deliver = (item) => {
            if (item === END) controller.close();
            else controller.enqueue(item);
            resolve();
          };
          wanted();
        }),
    },
    { highWaterMark: 0 },
  );
  // Not awaited here: the writer reads the first batch (for its schema) before it returns.
  const drained = (async () => {
    const output = await pw.transformParquetStream(input, properties);
    for await (const bytes of output as unknown as AsyncIterable<Uint8Array>) await file.write(bytes);
  })();
  drained.catch(() => undefined); // observed in give() and commit()

  async function give(item: Item): Promise<void> {
    await Promise.race([asked, drained.then(() => Promise.reject(writerError('the Parquet writer stopped early')))]);
    asked = new Promise<void>((resolve) => (wanted = resolve));
    const handOver = deliver!;
    deliver = undefined;
    handOver(item);
  }

  let rows = 0;
  async function writeBatch(batch: RecordBatch): Promise<void> {
    const table = pw.Table.fromIPCStream(tableToIPC(new Table(batch), 'stream'));
    const batches = table.recordBatches(); // share the table's buffers, so the table can go now
    table.free();
    for (const wasmBatch of batches) await give(wasmBatch);
    rows += batch.numRows;
  }

  return {
    async write(batch: RecordBatch) {
      if (batch.numRows > 0) await writeBatch(batch);
    },
    async commit() {
      if (rows === 0) await writeBatch(emptyBatch(schema)); // the file still carries the schema
      await give(END);
      try {
        await drained;
      } catch (error) {
        await file.abort();
        throw error instanceof FlowError ? error : writerError(error instanceof Error ? error.message : String(error));
      }
      await file.commit();
    },
    async abort() {
      if (deliver) deliver(END);
      await drained.catch(() => undefined);
      await file.abort();
    },
  };
}

function emptyBatch(schema: Schema): RecordBatch {
  const children = schema.fields.map((f) => vectorFromArray([], f.type).data[0]!);
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: 0, nullCount: 0, children }));
}

function writerError(message: string): FlowError {
  return new FlowError('internal', 'PARQUET_WRITE_FAILED', `writing Parquet failed: ${message}`);
}
