import { emptyBadRowLog, mergeBadRows, type BadRowLog } from '../io/csv/badRows.js';
import type { ChunkAccounting } from './chunkJob.js';

/** Progress reported while a run works; the CLI prints it to stderr, a library user may ignore it. */
export type ProgressEvent =
  | { readonly kind: 'pass'; readonly pass: number; readonly passes: number; readonly label: string; readonly rows: number; readonly bytes: number; readonly totalBytes: number }
  | { readonly kind: 'train'; readonly epoch: number; readonly epochs: number; readonly rows: number; readonly loss: number }
  | { readonly kind: 'epoch'; readonly epoch: number; readonly epochs: number; readonly metrics: EpochMetrics; readonly seconds: number }
  | { readonly kind: 'info'; readonly message: string };

/** Per-epoch metrics: train loss and accuracy, validation loss, accuracy and ROC AUC. */
export interface BinaryEpochMetrics {
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number;
  readonly valAccuracy: number;
  readonly valAuc: number;
}

/** Per-epoch metrics for regression: MSE (loss) and mean absolute error, train and validation. */
export interface RegressionEpochMetrics {
  readonly loss: number;
  readonly mae: number;
  readonly valLoss: number;
  readonly valMae: number;
}

export type EpochMetrics = BinaryEpochMetrics | RegressionEpochMetrics;

export type ProgressSink = (event: ProgressEvent) => void;

export const ignoreProgress: ProgressSink = () => undefined;

/**
 * Rows through the source and the chain. Every row is accounted for:
 * rowsRead = rowsKept + (bad rows skipped by the source) + (sum of rows dropped by each stage).
 */
export interface RowCounts {
  rowsRead: number;
  rowsKept: number;
  bytesRead: number;
  readonly bad: BadRowLog;
  /** Rows removed by each stage, by stage index. */
  readonly droppedByStage: number[];
}

export function emptyCounts(): RowCounts {
  return { rowsRead: 0, rowsKept: 0, bytesRead: 0, bad: emptyBadRowLog(), droppedByStage: [] };
}

/** Adds one chunk's accounting into `counts`. */
export function addChunk(counts: RowCounts, chunk: ChunkAccounting, bytes: number): void {
  counts.rowsRead += chunk.rowsRead;
  counts.rowsKept += chunk.rowsKept;
  counts.bytesRead += bytes;
  mergeBadRows(counts.bad, chunk.bad);
  chunk.dropped.forEach((n, i) => (counts.droppedByStage[i] = (counts.droppedByStage[i] ?? 0) + (n ?? 0)));
}
