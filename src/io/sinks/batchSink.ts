import type { RecordBatch } from 'apache-arrow';

/** A destination for record batches, written one at a time and committed atomically at the end. */
export interface BatchSink {
  write(batch: RecordBatch): Promise<void>;
  /** Finishes the file and renames it into place. */
  commit(): Promise<void>;
  /** Removes the partial file. */
  abort(): Promise<void>;
}
