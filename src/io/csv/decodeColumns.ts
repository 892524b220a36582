import { inputError } from '../../errors.js';
import { float64Data, utf8Data, type Validity } from '../arrow/columns.js';
import type { Data } from 'apache-arrow';
import { NOT_A_NUMBER, parseFieldNumber } from './parseNumber.js';
import { quoteSnippet } from './snippet.js';
import { isUtf8 } from 'node:buffer';
import type { FieldTable } from './scanFields.js';

export interface DecodeContext {
  readonly file: string;
  readonly column: string;
  readonly quote: number;
}

/**
 * Decodes one projected slot of a FieldTable into a Float64 column.
 * Empty fields (quoted or not) are null; text that `Number()` rejects is an error.
 */
export function decodeFloat64(bytes: Uint8Array, table: FieldTable, slot: number, ctx: DecodeContext): Data {
  const { rows, width, starts, ends, kinds } = table;
  const values = new Float64Array(rows);
  const bitmap = new Uint8Array((rows + 7) >> 3);
  let nullCount = 0;
  for (let r = 0, f = slot; r < rows; r++, f += width) {
    const start = starts[f]!;
    const end = ends[f]!;
    if (start === end) {
      nullCount++;
      continue;
    }
    const value = parseFieldNumber(bytes, start, end, kinds[f] === 2, ctx.quote);
    if (value === null) {
      nullCount++;
      continue;
    }
    if (value === NOT_A_NUMBER) {
      throw inputError('NOT_A_NUMBER', `${quoteSnippet(bytes, start, end)} is not a number (the column is Float64)`, {
        file: ctx.file,
        line: table.lines[r]!,
        column: ctx.column,
      });
    }
    values[r] = value;
    bitmap[r >> 3]! |= 1 << (r & 7);
  }
  return float64Data(values, { bitmap, nullCount });
}

/**
 * Decodes one projected slot into a Utf8 column, copying bytes once and unescaping `""`.
 * An unquoted empty field is null; a quoted empty field (`""`) is the empty string.
 */
export function decodeUtf8(bytes: Uint8Array, table: FieldTable, slot: number, ctx: DecodeContext): Data {
  const { rows, width, starts, ends, kinds } = table;
  let total = 0;
  for (let r = 0, f = slot; r < rows; r++, f += width) total += ends[f]! - starts[f]!;
  const offsets = new Int32Array(rows + 1);
  const data = new Uint8Array(total);
  const validity: Validity = { bitmap: new Uint8Array((rows + 7) >> 3), nullCount: 0 };
  let nullCount = 0;
  let at = 0;
  for (let r = 0, f = slot; r < rows; r++, f += width) {
    const start = starts[f]!;
    const end = ends[f]!;
    const kind = kinds[f]!;
    if (start === end && kind === 0) {
      nullCount++;
    } else {
      validity.bitmap[r >> 3]! |= 1 << (r & 7);
      if (kind === 2) {
        for (let i = start; i < end; i++) {
          const b = bytes[i]!;
          data[at++] = b;
          if (b === ctx.quote) i++; // skip the second quote of a doubled pair
        }
      } else {
        data.set(bytes.subarray(start, end), at);
        at += end - start;
      }
    }
    offsets[r + 1] = at;
  }
  const bytesOut = at === total ? data : data.subarray(0, at);
  return utf8Data(offsets, bytesOut, { bitmap: validity.bitmap, nullCount });
}

/** Rows of a decoded Utf8 column whose bytes are not valid UTF-8 (empty when the column is clean). */
export function invalidUtf8Rows(data: Data): number[] {
  const bytes = data.values as Uint8Array;
  if (isUtf8(bytes)) return [];
  const offsets = data.valueOffsets as Int32Array;
  const rows: number[] = [];
  for (let r = 0; r < data.length; r++) if (!isUtf8(bytes.subarray(offsets[r]!, offsets[r + 1]!))) rows.push(r);
  return rows;
}

/** A numeric slot that scanFields parsed during the scan, as a Float64 column. */
export function scannedFloat64(table: FieldTable, slot: number): Data {
  const values = table.numbers[slot]!;
  return float64Data(values.length === table.rows ? values : values.subarray(0, table.rows), {
    bitmap: table.validity[slot]!,
    nullCount: table.nullCounts[slot]!,
  });
}
