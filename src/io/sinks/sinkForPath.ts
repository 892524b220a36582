import type { Schema } from 'apache-arrow';
import { extname } from 'node:path';
import { usageError } from '../../errors.js';
import { arrowIpcSink } from './arrowIpcSink.js';
import type { BatchSink } from './batchSink.js';
import { csvSink } from './csvSink.js';
import { parquetSink, type ParquetSinkOptions } from './parquetSink.js';

export interface SinkOptions {
  readonly parquet?: ParquetSinkOptions;
}

const FORMATS: Record<string, (path: string, schema: Schema, options: SinkOptions) => Promise<BatchSink>> = {
  '.csv': csvSink,
  '.arrow': (path, schema) => arrowIpcSink(path, schema, 'file'),
  '.feather': (path, schema) => arrowIpcSink(path, schema, 'file'),
  '.arrows': (path, schema) => arrowIpcSink(path, schema, 'stream'),
  '.parquet': (path, schema, options) => parquetSink(path, schema, options.parquet),
  '.pq': (path, schema, options) => parquetSink(path, schema, options.parquet),
};

/** Picks the sink by file extension. */
export function sinkForPath(path: string, schema: Schema, options: SinkOptions = {}): Promise<BatchSink> {
  const make = FORMATS[extname(path).toLowerCase()];
  if (!make) throw usageError('UNKNOWN_FORMAT', `cannot tell the output format of ${path}; use one of: ${Object.keys(FORMATS).join(', ')}`);
  return make(path, schema, options);
}
