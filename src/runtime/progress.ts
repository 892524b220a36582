/** Progress reported while a run works; the CLI prints it to stderr, a library user may ignore it. */
export type ProgressEvent =
  | { readonly kind: 'pass'; readonly pass: number; readonly passes: number; readonly label: string; readonly rows: number; readonly bytes: number; readonly totalBytes: number }
  | { readonly kind: 'train'; readonly epoch: number; readonly epochs: number; readonly rows: number; readonly loss: number }
  | { readonly kind: 'epoch'; readonly epoch: number; readonly epochs: number; readonly metrics: EpochMetrics; readonly seconds: number }
  | { readonly kind: 'info'; readonly message: string };

export interface EpochMetrics {
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number;
  readonly valAccuracy: number;
  readonly valAuc: number;
}

export type ProgressSink = (event: ProgressEvent) => void;

export const ignoreProgress: ProgressSink = () => undefined;

/** Counts of rows through the source and the chain; rowsRead = rowsKept + rowsDropped. */
export interface RowCounts {
  rowsRead: number;
  rowsKept: number;
  bytesRead: number;
}

export function emptyCounts(): RowCounts {
  return { rowsRead: 0, rowsKept: 0, bytesRead: 0 };
}
