import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOT_A_NUMBER, parseNumberBytes } from '../../../src/io/csv/parseNumber.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => {
  const b = bytes(text);
  return parseNumberBytes(b, 0, b.length);
};

/** Random decimal strings: optional sign, 0-25 integer digits, optional fraction, optional exponent near the limits. */
const decimalText = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    int: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 25 }),
    frac: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 25 })),
    exp: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.integer({ min: 0, max: 400 }))),
  })
  .filter(({ int, frac }) => int.length > 0 || (frac !== null && frac.length > 0))
  .map(({ sign, int, frac, exp }) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`);

describe('parseNumberBytes', () => {
  it('equals Number(text) bit for bit on random decimal strings', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(Object.is(parse(text), Number(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals Number(text) on doubles printed by JavaScript (17 significant digits)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (value) => {
        const text = String(value);
        expect(Object.is(parse(text), Number(text))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['0', 0],
    ['-0', -0],
    ['1e308', 1e308],
    ['1.7976931348623157e308', Number.MAX_VALUE],
    ['1e309', Infinity],
    ['5e-324', 5e-324],
    ['2e-324', 0],
    ['9007199254740993', 9007199254740992],
    ['0.1', 0.1],
    ['.5', 0.5],
    ['5.', 5],
    [' 12 ', 12],
    ['0x1F', 31],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['NaN', NaN],
  ])('parses %j like Number()', (text, expected) => {
    expect(Object.is(parse(text), expected)).toBe(true);
  });

  it.each(['abc', '1,5', '1e', '--1', '1.2.3', '', '   ', '.', 'e5'])('rejects %j', (text) => {
    expect(parse(text)).toBe(NOT_A_NUMBER);
  });
});
