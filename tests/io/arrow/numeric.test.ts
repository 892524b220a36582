import { Bool, DateDay, Float32, Int32, Int64, TimestampMicrosecond, TimestampSecond, vectorFromArray, type DataType } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asFloat64Values, decimalText, isNumericType } from '../../../src/io/arrow/numeric.js';
import { decimalColumn, timestampColumn } from '../../helpers/typedColumns.js';

describe('numeric views of Arrow columns', () => {
  it('reads integers, floats, booleans, dates and timestamps as Float64', () => {
    const view = (values: unknown[], type: DataType) => [...asFloat64Values(vectorFromArray(values as never, type as never).data[0]!)];
    expect(view([1, -2, 3], new Int32())).toEqual([1, -2, 3]);
    expect(view([1n, -(2n ** 40n), 9007199254740993n], new Int64())).toEqual([1, -(2 ** 40), 9007199254740992]);
    expect(view([0.5, -1.25], new Float32())).toEqual([0.5, -1.25]);
    expect(view([true, false, true], new Bool())).toEqual([1, 0, 1]);
    expect(view([new Date('1970-01-03T00:00:00Z'), new Date('1969-12-31T00:00:00Z')], new DateDay())).toEqual([2, -1]);
    expect([...asFloat64Values(timestampColumn([1_500n, -2_000n], new TimestampSecond()))]).toEqual([1_500_000, -2_000_000]);
    expect([...asFloat64Values(timestampColumn([1_500n, 2_000_000n], new TimestampMicrosecond()))]).toEqual([1.5, 2_000]);
  });

  it('reads a sliced boolean column from its bit offset', () => {
    const data = vectorFromArray([true, false, false, true, true], new Bool()).data[0]!.slice(1, 3); // rows 1..3: false, false, true
    expect([...asFloat64Values(data)]).toEqual([0, 0, 1]);
  });

  it('counts what is numeric', () => {
    expect(isNumericType(new Int64())).toBe(true);
    expect(isNumericType(vectorFromArray(['a']).type)).toBe(false);
  });

  it('decimals: exact text for any 128-bit value, and Number(text) when the unscaled value is below 2^53', () => {
    fc.assert(
      fc.property(fc.bigInt(-(2n ** 127n), 2n ** 127n - 1n), fc.integer({ min: 0, max: 20 }), (unscaled, scale) => {
        const data = decimalColumn([unscaled], 38, scale);
        const negative = unscaled < 0n;
        const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
        const text = `${negative ? '-' : ''}${scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
        expect(decimalText(data.values, 0, 4, scale)).toBe(text);
        const value = asFloat64Values(data)[0]!;
        if ((negative ? -unscaled : unscaled) < 2n ** 53n) expect(value).toBe(Number(text));
        else expect(Math.abs(value - Number(text))).toBeLessThanOrEqual(Math.abs(Number(text)) * 1e-15);
      }),
      { numRuns: 500 },
    );
  });
});
