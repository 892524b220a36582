import { inputError } from '../../errors.js';
import { CR, LF, type CsvDialect } from './dialect.js';

/**
 * The field boundaries of a run of whole CSV records, for the projected columns only.
 * Field `f` of row `r` for slot `s` sits at index `r * width + s`.
 */
export interface FieldTable {
  readonly rows: number;
  readonly width: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 0: unquoted; 1: quoted; 2: quoted and holding `""` escapes. */
  readonly kinds: Uint8Array;
  /** The 1-based physical line on which each row starts. */
  readonly lines: Int32Array;
}

export interface ScanContext {
  readonly file: string;
  readonly dialect: CsvDialect;
  readonly columnNames: readonly string[];
  /** For each source column, its slot in the table, or -1 when it is not projected. */
  readonly slots: Int32Array;
  /** Number of projected columns. */
  readonly width: number;
  /** Physical line number of the first byte. */
  readonly firstLine: number;
  /** Upper bound on the number of records (blank lines are skipped, so rows may be fewer). */
  readonly maxRows: number;
}

/** Scans `bytes`, which must hold whole records, into a FieldTable. Blank lines are skipped. */
export function scanFields(bytes: Uint8Array, ctx: ScanContext): FieldTable {
  const { delimiter, quote } = ctx.dialect;
  const columnCount = ctx.columnNames.length;
  const { slots, width } = ctx;
  const starts = new Int32Array(ctx.maxRows * width);
  const ends = new Int32Array(ctx.maxRows * width);
  const kinds = new Uint8Array(ctx.maxRows * width);
  const lines = new Int32Array(ctx.maxRows);
  const n = bytes.length;
  let i = 0;
  let line = ctx.firstLine;
  let row = 0;

  while (i < n) {
    let c = bytes[i]!;
    if (c === LF) {
      i++;
      line++;
      continue;
    }
    if (c === CR && (i + 1 === n || bytes[i + 1] === LF)) {
      i += 2;
      line++;
      continue;
    }
    if (row === ctx.maxRows) throw new RangeError('scanFields: more records than maxRows');
    const recordLine = line;
    const base = row * width;
    let col = 0;
    for (;;) {
      let start: number;
      let end: number;
      let kind = 0;
      if (bytes[i] === quote) {
        const quoteLine = line;
        start = ++i;
        for (;;) {
          const q = bytes.indexOf(quote, i);
          if (q < 0) {
            throw inputError('UNTERMINATED_QUOTE', 'unterminated quoted field (no closing quote before end of input)', {
              file: ctx.file,
              line: quoteLine,
              column: ctx.columnNames[col] ?? `#${col + 1}`,
            });
          }
          for (let k = i; k < q; k++) if (bytes[k] === LF) line++;
          if (bytes[q + 1] === quote) {
            kind = 2;
            i = q + 2;
            continue;
          }
          end = q;
          i = q + 1;
          break;
        }
        if (kind === 0) kind = 1;
        c = bytes[i]!;
        if (i < n && c !== delimiter && c !== LF && !(c === CR && (i + 1 === n || bytes[i + 1] === LF))) {
          throw inputError('BAD_QUOTE', `unexpected character ${JSON.stringify(String.fromCharCode(c))} after a closing quote`, {
            file: ctx.file,
            line,
            column: ctx.columnNames[col] ?? `#${col + 1}`,
          });
        }
      } else {
        start = i;
        while (i < n) {
          c = bytes[i]!;
          if (c === delimiter || c === LF) break;
          i++;
        }
        end = i;
        if (end > start && bytes[end - 1] === CR && (i === n || bytes[i] === LF)) end--;
      }
      if (col >= columnCount) throw raggedRow(ctx, recordLine, bytes, i);
      const slot = slots[col]!;
      if (slot >= 0) {
        starts[base + slot] = start;
        ends[base + slot] = end;
        kinds[base + slot] = kind;
      }
      col++;
      if (i >= n) break;
      c = bytes[i]!;
      if (c === delimiter) {
        i++;
        continue;
      }
      if (c === CR) i++;
      i++;
      line++;
      break;
    }
    if (col !== columnCount) throw raggedRow(ctx, recordLine, bytes, i, col);
    lines[row++] = recordLine;
  }
  return { rows: row, width, starts, ends, kinds, lines };
}

function raggedRow(ctx: ScanContext, line: number, bytes: Uint8Array, at: number, found?: number): Error {
  let count = found;
  if (count === undefined) {
    // Too many fields: count the rest of the record for the message.
    count = ctx.columnNames.length;
    const stop = bytes.indexOf(LF, at);
    const rest = bytes.subarray(at, stop < 0 ? bytes.length : stop);
    for (const b of rest) if (b === ctx.dialect.delimiter) count++;
    count++;
  }
  return inputError(
    'RAGGED_ROW',
    `expected ${ctx.columnNames.length} fields (${ctx.columnNames.join(', ')}) but found ${count}`,
    { file: ctx.file, line },
  );
}
