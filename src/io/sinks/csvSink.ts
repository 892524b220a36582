import { TimeUnit, Type, type Data, type RecordBatch, type Schema } from 'apache-arrow';
import { decimalText } from '../arrow/numeric.js';
import { isValid } from '../arrow/columns.js';
import { AtomicFile } from './atomicFile.js';
import type { BatchSink } from './batchSink.js';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Formats one value so that flow's CSV source reads back the same value. */
function formatNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/** One non-null value as text: integers (Int64 included) and decimals exactly, dates and timestamps in ISO 8601. */
function formatValue(data: Data, value: unknown, row: number, typeId: Type): string {
  switch (typeId) {
    case Type.Float:
    case Type.Int:
      return typeof value === 'bigint' ? String(value) : formatNumber(value as number);
    case Type.Decimal: {
      const { scale, bitWidth } = data.type as unknown as { scale: number; bitWidth: number };
      return decimalText(data.values as Uint32Array, row * (bitWidth / 32), bitWidth / 32, scale);
    }
    case Type.Bool:
      return value ? 'true' : 'false';
    case Type.Date:
      return new Date(value as number).toISOString().slice(0, 10);
    case Type.Timestamp:
      return timestampText(data, row);
    default:
      return formatText(String(value));
  }
}

/** ISO 8601 in UTC with as many fraction digits as the unit has (…T12:00:00.123456Z for micros). */
function timestampText(data: Data, row: number): string {
  const raw = BigInt((data.values as BigInt64Array)[row]!);
  const unit = (data.type as unknown as { unit: TimeUnit }).unit;
  const perSecond = [1n, 1000n, 1_000_000n, 1_000_000_000n][unit]!;
  let seconds = raw / perSecond;
  let fraction = raw % perSecond;
  if (fraction < 0n) {
    fraction += perSecond;
    seconds -= 1n;
  }
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const digits = unit === TimeUnit.SECOND ? '' : `.${fraction.toString().padStart(String(perSecond).length - 1, '0')}`;
  return `${whole}${digits}Z`;
}

function formatText(value: string): string {
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Streams batches into a CSV file with a header; nulls are empty fields. */
export async function csvSink(path: string, schema: Schema): Promise<BatchSink> {
  const file = await AtomicFile.create(path);
  await file.write(`${schema.fields.map((f) => formatText(f.name)).join(',')}\n`);
  return {
    async write(batch: RecordBatch) {
      const columns = batch.data.children.map((data, c) => {
        const typeId = batch.schema.fields[c]!.typeId;
        const vector = batch.getChildAt(c)!;
        const cells = new Array<string>(batch.numRows);
        for (let r = 0; r < batch.numRows; r++) {
          if (!isValid(data, r)) cells[r] = '';
          else cells[r] = formatValue(data, vector.get(r), r, typeId);
        }
        return cells;
      });
      const lines = new Array<string>(batch.numRows);
      for (let r = 0; r < batch.numRows; r++) lines[r] = columns.map((cells) => cells[r]).join(',');
      if (lines.length > 0) await file.write(`${lines.join('\n')}\n`);
    },
    commit: () => file.commit(),
    abort: () => file.abort(),
  };
}
