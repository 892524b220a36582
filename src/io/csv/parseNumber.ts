/**
 * Parses a decimal number straight from UTF-8 bytes, equal to `Number(text)` bit for bit.
 *
 * The fast path is Clinger's: a mantissa of at most 15 significant digits is an exact
 * double, and so is 10^k for |k| <= 22, so one multiplication or division is correctly
 * rounded. Everything else (long mantissas, large exponents, hex, `Infinity`, spaces)
 * falls back to `Number()` on the decoded text, which is exact by definition.
 */

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_FAST_DIGITS = 15;
const utf8 = new TextDecoder('utf-8');

/** Result when the field is not a number at all (distinct from a literal `NaN`). */
export const NOT_A_NUMBER = Symbol('not a number');

/**
 * Returns the number in `bytes[start, end)`, or NOT_A_NUMBER when the text is not numeric.
 * Whitespace-only text is not a number (Number() would say 0); callers treat empty as null.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number | typeof NOT_A_NUMBER {
  const fast = parseFast(bytes, start, end);
  if (fast === fast) return fast; // not NaN: the fast path succeeded
  return parseSlow(bytes, start, end);
}

function parseFast(b: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let negative = false;
  let c = b[i]!;
  if (c === 45 /* - */) {
    negative = true;
    i++;
  } else if (c === 43 /* + */) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  let sawDigit = false;
  for (; i < end; i++) {
    c = b[i]! - 48;
    if (c < 0 || c > 9) break;
    sawDigit = true;
    if (mantissa === 0 && c === 0) continue; // leading zeros are not significant
    if (++digits > MAX_FAST_DIGITS) return NaN;
    mantissa = mantissa * 10 + c;
  }
  if (i < end && b[i] === 46 /* . */) {
    i++;
    for (; i < end; i++) {
      c = b[i]! - 48;
      if (c < 0 || c > 9) break;
      sawDigit = true;
      exponent--;
      if (mantissa === 0 && c === 0) continue;
      if (++digits > MAX_FAST_DIGITS) return NaN;
      mantissa = mantissa * 10 + c;
    }
  }
  if (!sawDigit) return NaN;
  if (i < end && (b[i] === 101 || b[i] === 69) /* e E */) {
    i++;
    let expNegative = false;
    if (i < end && (b[i] === 45 || b[i] === 43)) expNegative = b[i++] === 45;
    let e = 0;
    let expDigits = 0;
    for (; i < end; i++) {
      c = b[i]! - 48;
      if (c < 0 || c > 9) break;
      expDigits++;
      if (e < 100000) e = e * 10 + c;
    }
    if (expDigits === 0) return NaN;
    exponent += expNegative ? -e : e;
  }
  if (i !== end) return NaN;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (exponent === 0) value = mantissa;
  else if (exponent > 0 && exponent <= 22) value = mantissa * POW10[exponent]!;
  else if (exponent < 0 && exponent >= -22) value = mantissa / POW10[-exponent]!;
  else return NaN;
  return negative ? -value : value;
}

function parseSlow(bytes: Uint8Array, start: number, end: number): number | typeof NOT_A_NUMBER {
  const text = utf8.decode(bytes.subarray(start, end));
  const trimmed = text.trim();
  if (trimmed === '') return NOT_A_NUMBER;
  const value = Number(trimmed);
  if (Number.isNaN(value) && trimmed !== 'NaN') return NOT_A_NUMBER;
  return value;
}

/**
 * The number in one CSV field: `""` escapes removed when `escaped`, a field of only spaces
 * and tabs is null (where `Number()` would say 0), other text is NOT_A_NUMBER.
 */
export function parseFieldNumber(bytes: Uint8Array, start: number, end: number, escaped: boolean, quote: number): number | null | typeof NOT_A_NUMBER {
  let value: number | typeof NOT_A_NUMBER;
  if (escaped) {
    const copy: number[] = [];
    for (let i = start; i < end; i++) {
      copy.push(bytes[i]!);
      if (bytes[i] === quote) i++;
    }
    value = parseNumberBytes(Uint8Array.from(copy), 0, copy.length);
  } else {
    value = parseNumberBytes(bytes, start, end);
  }
  if (value !== NOT_A_NUMBER) return value;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b !== 32 && b !== 9) return NOT_A_NUMBER;
  }
  return null;
}
