import { FlowError, inputError } from '../../errors.js';
import { badRowReason, emptyBadRowLog, recordBadRow, type BadRowLog, type BadRowPolicy } from './badRows.js';
import { CR, LF, type CsvDialect } from './dialect.js';
import { NOT_A_NUMBER, parseFieldNumber } from './parseNumber.js';
import { quoteSnippet } from './snippet.js';

/**
 * The result of scanning a run of whole CSV records, for the projected columns only.
 * Numeric slots are parsed during the scan (values and validity); text slots keep field
 * boundaries: field `f` of row `r` for slot `s` sits at index `r * width + s`.
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
  /** For numeric slots: parsed values (0 where null), else undefined. */
  readonly numbers: readonly (Float64Array | undefined)[];
  /** For numeric slots: validity bitmaps (bit set = value present). */
  readonly validity: readonly (Uint8Array | undefined)[];
  readonly nullCounts: Int32Array;
  /** Rows skipped under onBadRow: 'skip'. */
  readonly bad: BadRowLog;
}

export interface ScanContext {
  readonly file: string;
  readonly dialect: CsvDialect;
  readonly columnNames: readonly string[];
  /** For each source column, its slot in the table, or -1 when it is not projected. */
  readonly slots: Int32Array;
  /** Number of projected columns. */
  readonly width: number;
  /** For each slot, 1 when it is parsed as a number during the scan. */
  readonly numeric?: Uint8Array;
  /** Physical line number of the first byte. */
  readonly firstLine: number;
  /** Upper bound on the number of records (blank lines are skipped, so rows may be fewer). */
  readonly maxRows: number;
  /** 'skip' drops unreadable rows and logs them; 'error' (default) throws. */
  readonly onBadRow?: BadRowPolicy;
}

const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Scans `bytes`, which must hold whole records, into a FieldTable. Blank lines are skipped. */
export function scanFields(bytes: Uint8Array, ctx: ScanContext): FieldTable {
  const { delimiter, quote } = ctx.dialect;
  const columnCount = ctx.columnNames.length;
  const { slots, width } = ctx;
  const numeric = ctx.numeric ?? new Uint8Array(width);
  const rowsMax = ctx.maxRows;
  const textSlots = numeric.reduce((n, isNumeric) => n + (isNumeric ? 0 : 1), 0);
  const starts = new Int32Array(textSlots > 0 ? rowsMax * width : 0);
  const ends = new Int32Array(textSlots > 0 ? rowsMax * width : 0);
  const kinds = new Uint8Array(textSlots > 0 ? rowsMax * width : 0);
  const lines = new Int32Array(rowsMax);
  const numbers = Array.from(numeric, (isNumeric) => (isNumeric ? new Float64Array(rowsMax) : undefined));
  const validity = Array.from(numeric, (isNumeric) => (isNumeric ? new Uint8Array((rowsMax + 7) >> 3) : undefined));
  const nullCounts = new Int32Array(width);
  const bad = emptyBadRowLog();
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
    if (row === rowsMax) throw new RangeError('scanFields: more records than maxRows');
    const recordLine = line;
    const recordStart = i;
    const base = row * width;
    let col = 0;
    let recordEnded = false;
    try {
      for (;;) {
        if (col >= columnCount) throw raggedRow(ctx, recordLine, bytes, recordStart, i);
        const slot = slots[col]!;
        if (bytes[i] === quote) {
          const quoteLine = line;
          const start = ++i;
          let end: number;
          let kind = 1;
          for (;;) {
            const q = bytes.indexOf(quote, i);
            if (q < 0) {
              throw inputError('UNTERMINATED_QUOTE', `unterminated quoted field ${quoteSnippet(bytes, start - 1, n)} (no closing quote before the end of the input)`, {
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
          c = bytes[i]!;
          if (i < n && c !== delimiter && c !== LF && !(c === CR && (i + 1 === n || bytes[i + 1] === LF))) {
            throw inputError('BAD_QUOTE', `unexpected character ${JSON.stringify(String.fromCharCode(c))} after a closing quote`, {
              file: ctx.file,
              line,
              column: ctx.columnNames[col] ?? `#${col + 1}`,
            });
          }
          if (slot >= 0) {
            if (numeric[slot]) {
              if (end === start) nullCounts[slot]!++;
              else slowNumber(bytes, { ctx, numbers, validity, nullCounts }, slot, row, start, end, kind === 2, col, recordLine);
            } else {
              starts[base + slot] = start;
              ends[base + slot] = end;
              kinds[base + slot] = kind;
            }
          }
        } else if (slot >= 0 && numeric[slot]) {
          // Fused scan and parse: accumulate digits while looking for the end of the field.
          const start = i;
          let negative = false;
          c = bytes[i]!;
          if (c === 45) {
            negative = true;
            i++;
          } else if (c === 43) {
            i++;
          }
          let mantissa = 0;
          let digits = 0;
          let exponent = 0;
          let sawDigit = false;
          let simple = true;
          for (; i < n; i++) {
            const d = bytes[i]! - 48;
            if (d >>> 0 > 9) break;
            sawDigit = true;
            if (mantissa !== 0 || d !== 0) {
              digits++;
              mantissa = mantissa * 10 + d;
            }
          }
          if (i < n && bytes[i] === 46) {
            for (i++; i < n; i++) {
              const d = bytes[i]! - 48;
              if (d >>> 0 > 9) break;
              sawDigit = true;
              exponent--;
              if (mantissa !== 0 || d !== 0) {
                digits++;
                mantissa = mantissa * 10 + d;
              }
            }
          }
          c = bytes[i]!;
          let end = i;
          if (i < n && c !== delimiter && c !== LF && !(c === CR && (i + 1 === n || bytes[i + 1] === LF))) {
            // Not a plain decimal (exponent, spaces, hex, text...): find the end, then parse exactly.
            simple = false;
            while (i < n) {
              c = bytes[i]!;
              if (c === delimiter || c === LF) break;
              i++;
            }
            end = i;
            if (end > start && bytes[end - 1] === CR && (i === n || bytes[i] === LF)) end--;
          }
          if (end === start) {
            nullCounts[slot]!++;
          } else if (simple && sawDigit && digits <= 15 && exponent >= -22) {
            const value = exponent === 0 ? mantissa : mantissa / POW10[-exponent]!;
            numbers[slot]![row] = negative ? -value : value;
            validity[slot]![row >> 3]! |= 1 << (row & 7);
          } else {
            slowNumber(bytes, { ctx, numbers, validity, nullCounts }, slot, row, start, end, false, col, recordLine);
          }
        } else {
          const start = i;
          while (i < n) {
            c = bytes[i]!;
            if (c === delimiter || c === LF) break;
            i++;
          }
          let end = i;
          if (end > start && bytes[end - 1] === CR && (i === n || bytes[i] === LF)) end--;
          if (slot >= 0) {
            starts[base + slot] = start;
            ends[base + slot] = end;
            kinds[base + slot] = 0;
          }
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
      if (col !== columnCount) {
        recordEnded = true;
        throw raggedRow(ctx, recordLine, bytes, recordStart, i, col);
      }
    } catch (error) {
      const reason = error instanceof FlowError && ctx.onBadRow === 'skip' ? badRowReason(error) : undefined;
      if (!reason) throw error;
      recordBadRow(bad, reason, recordLine, (error as FlowError).message);
      // Undo what the fields read so far wrote for this row, then move past the record.
      for (let c = 0; c < Math.min(col, columnCount); c++) {
        const slot = slots[c]!;
        if (slot < 0 || !numeric[slot]) continue;
        const bitmap = validity[slot]!;
        if ((bitmap[row >> 3]! >> (row & 7)) & 1) bitmap[row >> 3]! &= ~(1 << (row & 7));
        else nullCounts[slot]!--;
      }
      if (reason === 'unterminatedQuote') {
        i = n;
      } else if (!recordEnded) {
        const next = endOfRecord(bytes, i, quote);
        for (let k = i; k < next; k++) if (bytes[k] === LF) line++;
        i = next;
      }
      continue;
    }
    lines[row++] = recordLine;
  }
  return { rows: row, width, starts, ends, kinds, lines, numbers, validity, nullCounts, bad };
}

interface NumericOutput {
  readonly ctx: ScanContext;
  readonly numbers: readonly (Float64Array | undefined)[];
  readonly validity: readonly (Uint8Array | undefined)[];
  readonly nullCounts: Int32Array;
}

/** Parses a numeric field the fused fast path could not (exponents, spaces, quotes...) and records it. */
function slowNumber(
  bytes: Uint8Array,
  out: NumericOutput,
  slot: number,
  row: number,
  start: number,
  end: number,
  escaped: boolean,
  col: number,
  line: number,
): void {
  const value = parseFieldNumber(bytes, start, end, escaped, out.ctx.dialect.quote);
  if (value === null) {
    out.nullCounts[slot]!++;
    return;
  }
  if (value === NOT_A_NUMBER) {
    throw inputError('NOT_A_NUMBER', `${quoteSnippet(bytes, start, end)} is not a number (the column is Float64)`, {
      file: out.ctx.file,
      line,
      column: out.ctx.columnNames[col]!,
    });
  }
  out.numbers[slot]![row] = value;
  out.validity[slot]![row >> 3]! |= 1 << (row & 7);
}

/** The index after the LF that ends the record containing `from` (quote-aware), or the end of input. */
function endOfRecord(bytes: Uint8Array, from: number, quote: number): number {
  let inQuote = false;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === quote) inQuote = !inQuote;
    else if (b === LF && !inQuote) return i + 1;
  }
  return bytes.length;
}

function raggedRow(ctx: ScanContext, line: number, bytes: Uint8Array, recordStart: number, at: number, found?: number): Error {
  let count = found;
  if (count === undefined) {
    // Too many fields: count the rest of the record for the message.
    count = ctx.columnNames.length;
    const stop = bytes.indexOf(LF, at);
    const rest = bytes.subarray(at, stop < 0 ? bytes.length : stop);
    for (const b of rest) if (b === ctx.dialect.delimiter) count++;
    count++;
  }
  let recordEnd = endOfRecord(bytes, recordStart, ctx.dialect.quote);
  while (recordEnd > recordStart && (bytes[recordEnd - 1] === LF || bytes[recordEnd - 1] === CR)) recordEnd--;
  return inputError(
    'RAGGED_ROW',
    `expected ${ctx.columnNames.length} fields (${ctx.columnNames.join(', ')}) but found ${count}: ${quoteSnippet(bytes, recordStart, recordEnd)}`,
    { file: ctx.file, line },
  );
}
