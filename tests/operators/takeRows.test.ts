import { Bool, DateDay, Field, Int64, Schema, TimestampMicrosecond, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { recordBatch } from '../../src/io/arrow/columns.js';
import { decimalText } from '../../src/io/arrow/numeric.js';
import { takeRows } from '../../src/operators/takeRows.js';
import { decimalColumn, timestampColumn } from '../helpers/typedColumns.js';

describe('takeRows over the types a Parquet source brings', () => {
  it('gathers Int64, Decimal, Bool, Date, Timestamp and Utf8 rows with their nulls', () => {
    const columns = [
      vectorFromArray([1n, null, 9007199254740993n, -4n], new Int64()).data[0]!,
      decimalColumn([125n, -5n, null, 10n ** 30n], 38, 2),
      vectorFromArray([true, false, null, true], new Bool()).data[0]!,
      vectorFromArray([new Date(0), null, new Date(86_400_000 * 3), new Date(86_400_000)], new DateDay()).data[0]!,
      timestampColumn([1n, 2n, 3n, null], new TimestampMicrosecond()),
      vectorFromArray(['a', 'bb', null, 'dddd'], new Utf8()).data[0]!,
    ];
    const schema = new Schema(columns.map((data, i) => new Field(`c${i}`, data.type, true)));
    const out = takeRows(recordBatch(schema, columns), Int32Array.from([3, 2, 0]));
    const values = (i: number) => [...out.getChildAt(i)!].map((v) => (v === null ? null : String(v)));
    expect(values(0)).toEqual(['-4', '9007199254740993', '1']);
    const decimals = out.data.children[1]!;
    expect([0, 1, 2].map((r) => (out.getChildAt(1)!.isValid(r) ? decimalText(decimals.values as Uint32Array, r * 4, 4, 2) : null))).toEqual(['10000000000000000000000000000.00', null, '1.25']);
    expect(values(2)).toEqual(['true', null, 'true']);
    expect(out.getChildAt(3)!.toArray().length).toBe(3);
    expect([...out.getChildAt(3)!].map((v) => (v === null ? null : Number(v)))).toEqual([86_400_000, 86_400_000 * 3, 0]);
    expect([0, 1, 2].map((r) => (out.getChildAt(4)!.isValid(r) ? String((out.data.children[4]!.values as BigInt64Array)[r]) : null))).toEqual([null, '3', '1']);
    expect(values(5)).toEqual(['dddd', null, 'a']);
  });
});
