import type { FlowError } from '../../errors.js';

/** What the CSV source does with a row it cannot read: fail the run (default) or drop and count it. */
export type BadRowPolicy = 'error' | 'skip';

export type BadRowReason = 'wrongFieldCount' | 'unparsableNumber' | 'unterminatedQuote' | 'badQuote' | 'invalidUtf8';

const REASONS: Readonly<Record<string, BadRowReason>> = {
  RAGGED_ROW: 'wrongFieldCount',
  NOT_A_NUMBER: 'unparsableNumber',
  UNTERMINATED_QUOTE: 'unterminatedQuote',
  BAD_QUOTE: 'badQuote',
  INVALID_UTF8: 'invalidUtf8',
};

/** The reason a source error is a skippable bad row, or undefined when it is not one. */
export function badRowReason(error: FlowError): BadRowReason | undefined {
  return REASONS[error.code];
}

export interface BadRowSample {
  readonly line: number;
  readonly reason: BadRowReason;
  readonly message: string;
}

/** Skipped rows by reason, with the first few as samples (like DuckDB's rejects table). */
export interface BadRowLog {
  readonly counts: Partial<Record<BadRowReason, number>>;
  readonly samples: BadRowSample[];
}

export const MAX_SAMPLES = 5;

export function emptyBadRowLog(): BadRowLog {
  return { counts: {}, samples: [] };
}

export function recordBadRow(log: BadRowLog, reason: BadRowReason, line: number, message: string): void {
  log.counts[reason] = (log.counts[reason] ?? 0) + 1;
  if (log.samples.length < MAX_SAMPLES) log.samples.push({ line, reason, message });
}

/** Adds `other` into `log`, keeping the earliest samples by line. */
export function mergeBadRows(log: BadRowLog, other: BadRowLog): void {
  for (const [reason, count] of Object.entries(other.counts) as [BadRowReason, number][]) log.counts[reason] = (log.counts[reason] ?? 0) + count;
  log.samples.push(...other.samples);
  log.samples.sort((a, b) => a.line - b.line);
  log.samples.splice(MAX_SAMPLES);
}

export function badRowTotal(log: BadRowLog): number {
  return Object.values(log.counts).reduce((n, c) => n + (c ?? 0), 0);
}
