import { describe, expect, it } from 'vitest';
import { FlowError } from '../../../src/errors.js';
import { readCsv } from '../../helpers/readCsv.js';
import { tempDirectory, writeTemp } from '../../helpers/tempFiles.js';
import { CsvReader, csv } from '../../../src/io/csv/csvSource.js';
import { parseChunk, projectedSchema } from '../../../src/io/csv/parseChunk.js';
import { emptyBadRowLog, mergeBadRows } from '../../../src/io/csv/badRows.js';

const dir = tempDirectory();

/** Reads with onBadRow: 'skip' and returns rows plus the merged bad-row log. */
async function readSkipping(text: string | Uint8Array, options = {}) {
  const path = writeTemp(dir, text);
  const reader = await CsvReader.open(csv(path, { onBadRow: 'skip', ...options }));
  const spec = reader.parseSpec();
  const schema = projectedSchema(reader.layout.schema, spec);
  const bad = emptyBadRowLog();
  const rows: unknown[][] = [];
  for await (const chunk of reader.chunks()) {
    const parsed = parseChunk(chunk, spec, schema);
    mergeBadRows(bad, parsed.bad);
    for (let r = 0; r < parsed.batch.numRows; r++) rows.push(parsed.batch.schema.fields.map((_, c) => parsed.batch.getChildAt(c)!.get(r)));
  }
  await reader.close();
  return { rows, bad };
}

describe("onBadRow: 'skip'", () => {
  it('drops each kind of unreadable row and counts it by reason, with its line', async () => {
    const text = 'a,b,s\n1,2,x\n3,oops,y\n4,5\n6,7,z,extra\n8,"9"x,w\n10,11,ok\n';
    const { rows, bad } = await readSkipping(text, { types: { a: 'float64', b: 'float64' }, batchSize: 3 });
    expect(rows).toEqual([
      [1, 2, 'x'],
      [10, 11, 'ok'],
    ]);
    expect(bad.counts).toEqual({ unparsableNumber: 1, wrongFieldCount: 2, badQuote: 1 });
    expect(bad.samples.map((s) => s.line)).toEqual([3, 4, 5, 6]);
    expect(bad.samples[0]!.message).toMatch(/:3, column "b": "oops" is not a number/);
  });

  it('an unterminated quote swallows the rest of the file as one bad row', async () => {
    const { rows, bad } = await readSkipping('a,b\n1,x\n2,"open\n3,y\n');
    expect(rows).toEqual([[1, 'x']]);
    expect(bad.counts).toEqual({ unterminatedQuote: 1 });
  });

  it('drops rows whose text is not valid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('a,s\n1,ok\n2,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n3,fine\n')]);
    const { rows, bad } = await readSkipping(bytes);
    expect(rows).toEqual([
      [1, 'ok'],
      [3, 'fine'],
    ]);
    expect(bad.counts).toEqual({ invalidUtf8: 1 });
    expect(bad.samples[0]!.line).toBe(3);
  });

  it('leaves a number field after a bad one untouched in the next good row', async () => {
    // Row 3 fails on its second numeric field after the first was parsed: nothing of it may leak.
    const { rows } = await readSkipping('a,b\n1,2\n,bad\n5,\n', { types: { a: 'float64', b: 'float64' } });
    expect(rows).toEqual([
      [1, 2],
      [5, null],
    ]);
  });
});

describe("onBadRow: 'error' (default)", () => {
  it('fails on invalid UTF-8 naming the line and column', async () => {
    const bytes = Buffer.concat([Buffer.from('a,s\n1,ok\n2,'), Buffer.from([0xc3]), Buffer.from('\n')]);
    const error = await readCsv(writeTemp(dir, bytes)).catch((e: unknown) => e as FlowError);
    expect(error).toBeInstanceOf(FlowError);
    expect((error as FlowError).message).toMatch(/:3, column "s": the field is not valid UTF-8/);
  });
});
