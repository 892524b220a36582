import { parse as csvParse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowError } from '../../../src/errors.js';
import { readCsv } from '../../helpers/readCsv.js';
import { tempDirectory, writeTemp } from '../../helpers/tempFiles.js';

const dir = tempDirectory();

/** A random field: letters, digits, spaces, delimiters, quotes, newlines and non-ASCII text. */
const field = fc.string({ unit: fc.constantFrom('a', 'b', '1', '.', ' ', ',', ';', '"', '\n', '\r\n', 'é', '→'), maxLength: 8 });

const document = fc
  .record({
    columns: fc.integer({ min: 1, max: 5 }),
    rows: fc.integer({ min: 0, max: 25 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    newline: fc.constantFrom('\n', '\r\n'),
    finalNewline: fc.boolean(),
    bom: fc.boolean(),
    seed: fc.integer(),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      cells: fc.array(fc.array(fc.tuple(field, fc.boolean()), { minLength: shape.columns, maxLength: shape.columns }), {
        minLength: shape.rows,
        maxLength: shape.rows,
      }),
    }),
  )
  .map(({ shape, cells }) => {
    const encode = ([value, quoteAnyway]: [string, boolean]) => {
      const mustQuote = /["\r\n]/.test(value) || value.includes(shape.delimiter) || value === '';
      return mustQuote || quoteAnyway ? `"${value.replaceAll('"', '""')}"` : value;
    };
    const header = Array.from({ length: shape.columns }, (_, i) => `c${i}`).join(shape.delimiter);
    const lines = [header, ...cells.map((row) => row.map(encode).join(shape.delimiter))];
    const text = `${shape.bom ? '\uFEFF' : ''}${lines.join(shape.newline)}${shape.finalNewline ? shape.newline : ''}`;
    return { text, shape };
  });

function oracle(text: string, delimiter: string): string[][] {
  return csvParse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
}

const asText = (rows: (string | number | null)[][]) => rows.map((row) => row.map((v) => (v === null ? '' : String(v))));

describe('csv source against csv-parse', () => {
  it('parses random RFC 4180 documents like csv-parse, for any batch and read size', async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.constantFrom(1, 2, 3, 1000), fc.constantFrom(1, 3, 17, 65536), async ({ text, shape }, batchSize, readBytes) => {
        const path = writeTemp(dir, text);
        const types = Object.fromEntries(Array.from({ length: shape.columns }, (_, i) => [`c${i}`, 'utf8' as const]));
        const expected = oracle(text, shape.delimiter);
        const result = await readCsv(path, { delimiter: shape.delimiter, types, batchSize, readBytes });
        expect(asText([result.columns, ...result.rows])).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same table for every batch size and read size on a tricky file', async () => {
    const text = 'a,b,c\r\n1,"x,""y""",2.5\r\n\r\n,"multi\nline",-0\n3,,1e400\n"4",plain,7\n';
    const path = writeTemp(dir, text);
    const reference = await readCsv(path);
    expect(reference.rows).toEqual([
      [1, 'x,"y"', 2.5],
      [null, 'multi\nline', -0],
      [3, null, Infinity],
      [4, 'plain', 7],
    ]);
    expect(reference.lines).toEqual([2, 4, 6, 7]);
    for (const batchSize of [1, 2, 3]) {
      for (const readBytes of [1, 2, 5, 4096]) {
        const result = await readCsv(path, { batchSize, readBytes });
        expect(result.rows).toEqual(reference.rows);
        expect(result.lines).toEqual(reference.lines);
      }
    }
  });
});

describe('csv source schema and options', () => {
  it('infers Float64 for numeric columns and Utf8 otherwise; a BOM is skipped', async () => {
    const path = writeTemp(dir, '\uFEFFid,x,name\n1,0.5,ann\n2,,bob\n');
    const result = await readCsv(path);
    expect(result.columns).toEqual(['id', 'x', 'name']);
    expect(result.batches[0]!.schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Float64', 'Utf8']);
    expect(result.rows).toEqual([
      [1, 0.5, 'ann'],
      [2, null, 'bob'],
    ]);
  });

  it('accepts an explicit type that overrides inference', async () => {
    const path = writeTemp(dir, 'zip,x\n01234,1\n');
    const result = await readCsv(path, { types: { zip: 'utf8' } });
    expect(result.rows).toEqual([['01234', 1]]);
  });

  it('reads a custom delimiter', async () => {
    const path = writeTemp(dir, 'a;b\n1;"x;y"\n');
    expect((await readCsv(path, { delimiter: ';' })).rows).toEqual([[1, 'x;y']]);
  });

  it('builds batches of the configured size', async () => {
    const path = writeTemp(dir, `v\n${Array.from({ length: 10 }, (_, i) => i).join('\n')}\n`);
    const result = await readCsv(path, { batchSize: 4 });
    expect(result.batches.map((b) => b.numRows)).toEqual([4, 4, 2]);
  });
});

describe('csv source errors', () => {
  async function failure(text: string, options = {}): Promise<FlowError> {
    const path = writeTemp(dir, text);
    const error = await readCsv(path, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FlowError);
    return error as FlowError;
  }

  it('names the file and line of a ragged row, with the expected columns', async () => {
    const error = await failure('a,b,c\n1,2,3\n4,5\n');
    expect(error.code).toBe('RAGGED_ROW');
    expect(error.location.line).toBe(3);
    expect(error.message).toMatch(/:3: expected 3 fields \(a, b, c\) but found 2: "4,5"$/);
  });

  it('reports a row with too many fields', async () => {
    const error = await failure('a,b\n1,2\n3,4,5\n');
    expect(error.message).toMatch(/:3: expected 2 fields .* but found 3: "3,4,5"$/);
  });

  it('names the line and column of text in a numeric column', async () => {
    const error = await failure('a,b\n1,2\n3,oops\n', { types: { b: 'float64' } });
    expect(error.code).toBe('NOT_A_NUMBER');
    expect(error.location).toMatchObject({ line: 3, column: 'b' });
    expect(error.message).toContain('"oops" is not a number');
  });

  it('reports an unterminated quote at the line where it opened', async () => {
    const error = await failure('a,b\n1,2\n3,"open\nmore\n');
    expect(error.code).toBe('UNTERMINATED_QUOTE');
    expect(error.location.line).toBe(3);
    expect(error.message).toContain('unterminated quoted field "\\"open\\nmore\\n"');
  });

  it('reports a missing file with its resolved path', async () => {
    const error = (await readCsv(`${dir}/nope.csv`).then(
      () => undefined,
      (e: unknown) => e,
    )) as FlowError;
    expect(error.code).toBe('MISSING_FILE');
    expect(error.message).toContain('nope.csv');
  });

  it('rejects an empty file and duplicate header names', async () => {
    expect((await failure('')).code).toBe('EMPTY_FILE');
    expect((await failure('a,a\n1,2\n')).code).toBe('DUPLICATE_HEADER');
  });
});

describe('numeric columns parsed during the scan', () => {
  const numberText = fc.oneof(
    fc.double({ noNaN: true }).map(String),
    fc.integer().map(String),
    fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.nat({ max: 999999 })).map(([a, b]) => `${a}.${b}`),
    fc.constantFrom('1e5', '-2.5E-3', '.5', '5.', '-0', '0x1F', 'Infinity', ' 7 ', '1234567890123456789', '0.00000000000000000000001'),
  );

  it('every value equals Number(text), quoted or not, with LF or CRLF endings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(numberText, numberText, fc.boolean()), { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), async (rows, newline) => {
        const text = `a,b${newline}${rows.map(([a, b, quoted]) => `${quoted ? `"${a}"` : a},${b}`).join(newline)}${newline}`;
        const path = writeTemp(dir, text);
        const result = await readCsv(path, { types: { a: 'float64', b: 'float64' }, batchSize: 7 });
        expect(result.rows.length).toBe(rows.length);
        result.rows.forEach(([a, b], i) => {
          expect(Object.is(a, Number(rows[i]![0]))).toBe(true);
          expect(Object.is(b, Number(rows[i]![1]))).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});
