import type { Schema } from 'apache-arrow';
import { extname } from 'node:path';
import { usageError } from '../../errors.js';
import { arrowIpcSink } from './arrowIpcSink.js';
import type { BatchSink } from './batchSink.js';
import { csvSink } from './csvSink.js';

const FORMATS: Record<string, (path: string, schema: Schema) => Promise<BatchSink>> = {
  '.csv': csvSink,
  '.arrow': (path, schema) => arrowIpcSink(path, schema, 'file'),
  '.feather': (path, schema) => arrowIpcSink(path, schema, 'file'),
  '.arrows': (path, schema) => arrowIpcSink(path, schema, 'stream'),
};

/** Picks the sink by file extension. */
export function sinkForPath(path: string, schema: Schema): Promise<BatchSink> {
  const make = FORMATS[extname(path).toLowerCase()];
  if (!make) throw usageError('UNKNOWN_FORMAT', `cannot tell the output format of ${path}; use one of: ${Object.keys(FORMATS).join(', ')}`);
  return make(path, schema);
}
