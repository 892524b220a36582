import { DataType, DateUnit, TimeUnit, Type, type Data } from 'apache-arrow';

/**
 * Numeric views of Arrow columns. Sources keep their native types (so an Int64 id passed
 * through to an output file stays exact), and every numeric operator and the training
 * loop read columns through `asFloat64Values`:
 *
 * | Arrow type        | as Float64                                  |
 * |-------------------|---------------------------------------------|
 * | Float16/32/64     | the value                                   |
 * | Int8…Int64, UInt* | the value (Int64 beyond 2^53 rounds)        |
 * | Decimal           | unscaled / 10^scale (correctly rounded)     |
 * | Bool              | 0 or 1                                      |
 * | Date              | days since 1970-01-01                       |
 * | Timestamp         | milliseconds since the epoch (UTC)          |
 */
export function isNumericType(type: DataType): boolean {
  switch (type.typeId) {
    case Type.Float:
    case Type.Int:
    case Type.Decimal:
    case Type.Bool:
    case Type.Date:
    case Type.Timestamp:
      return true;
    default:
      return false;
  }
}

/** The column's values as Float64 (the column's own array when it is Float64); null slots hold arbitrary values. */
export function asFloat64Values(data: Data): Float64Array {
  const n = data.length;
  const values = data.values as ArrayLike<number | bigint>;
  if (values instanceof Float64Array) return values.length === n ? values : values.subarray(0, n);
  const out = new Float64Array(n);
  switch (data.typeId) {
    case Type.Bool: {
      // Arrow JS slices value buffers itself, except bit-packed booleans.
      const bits = data.values as Uint8Array;
      const at = data.offset;
      for (let r = 0; r < n; r++) out[r] = (bits[(at + r) >> 3]! >> ((at + r) & 7)) & 1;
      return out;
    }
    case Type.Decimal:
      return decimalValues(data, out);
    case Type.Date:
      copyNumbers(values, out, (data.type as unknown as { unit: DateUnit }).unit === DateUnit.DAY ? 1 : 1 / 86_400_000);
      return out;
    case Type.Timestamp:
      copyNumbers(values, out, MILLIS_PER_UNIT[(data.type as unknown as { unit: TimeUnit }).unit]!);
      return out;
    default:
      copyNumbers(values, out, 1);
      return out;
  }
}

const MILLIS_PER_UNIT: Record<TimeUnit, number> = {
  [TimeUnit.SECOND]: 1000,
  [TimeUnit.MILLISECOND]: 1,
  [TimeUnit.MICROSECOND]: 1e-3,
  [TimeUnit.NANOSECOND]: 1e-6,
};

function copyNumbers(values: ArrayLike<number | bigint>, out: Float64Array, scale: number): void {
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    for (let r = 0; r < out.length; r++) out[r] = Number(values[r]!) * scale;
  } else {
    const numbers = values as ArrayLike<number>;
    if (scale === 1) for (let r = 0; r < out.length; r++) out[r] = numbers[r]!;
    else for (let r = 0; r < out.length; r++) out[r] = numbers[r]! * scale;
  }
}

/**
 * Decimal128/256 (little-endian two's-complement words) to doubles. An unscaled value
 * below 2^53 divided by 10^scale (exact up to 10^22) is the correctly rounded quotient,
 * so it equals `Number(text)` of the decimal's text.
 */
function decimalValues(data: Data, out: Float64Array): Float64Array {
  const words = data.values as Uint32Array;
  const { scale, bitWidth } = data.type as unknown as { scale: number; bitWidth: number };
  const stride = bitWidth / 32;
  const divisor = 10 ** scale;
  for (let r = 0; r < out.length; r++) out[r] = decimalUnscaled(words, r * stride, stride) / divisor;
  return out;
}

/**
 * The unscaled integer of one decimal as a double, by Horner's rule from the signed top
 * word down. Every partial value is the final value shifted right, so the result is exact
 * whenever |value| < 2^53.
 */
export function decimalUnscaled(words: Uint32Array, start: number, stride: number): number {
  let value = words[start + stride - 1]! | 0;
  for (let w = stride - 2; w >= 0; w--) value = value * 4294967296 + words[start + w]!;
  return value;
}

/** The exact text of a decimal (unscaled value with the point inserted), via BigInt. */
export function decimalText(words: Uint32Array, start: number, stride: number, scale: number): string {
  let value = 0n;
  for (let w = stride - 1; w >= 0; w--) value = (value << 32n) | BigInt(words[start + w]!);
  value = BigInt.asIntN(stride * 32, value);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}
