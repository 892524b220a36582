/** Byte constants and the dialect of a CSV file (RFC 4180 with a configurable delimiter). */
export const LF = 10;
export const CR = 13;
export const QUOTE = 34;

export interface CsvDialect {
  /** The field delimiter as one byte (default `,`). */
  readonly delimiter: number;
  /** The quote byte (default `"`); a doubled quote inside quotes is a literal quote. */
  readonly quote: number;
}

export function dialectFrom(delimiter = ',', quote = '"'): CsvDialect {
  const d = Buffer.from(delimiter, 'utf8');
  const q = Buffer.from(quote, 'utf8');
  if (d.length !== 1 || q.length !== 1) throw new RangeError('delimiter and quote must each be one ASCII character');
  if (d[0] === LF || d[0] === CR || d[0] === q[0]) throw new RangeError('delimiter must differ from newline and quote');
  return { delimiter: d[0]!, quote: q[0]! };
}
