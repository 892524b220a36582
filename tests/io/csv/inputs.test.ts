import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowError } from '../../../src/errors.js';
import { CsvReader, csv } from '../../../src/io/csv/csvSource.js';
import { openSource } from '../../../src/runtime/source.js';
import { readCsv } from '../../helpers/readCsv.js';
import { tempDirectory, writeTemp } from '../../helpers/tempFiles.js';

const dir = tempDirectory();
const read = (text: string | Uint8Array, options = {}) => readCsv(writeTemp(dir, text), options);
const failure = (text: string, options = {}) => read(text, options).then(() => undefined, (e: unknown) => e as FlowError);

describe('edge inputs', () => {
  it('a header-only file has the columns and no rows', async () => {
    const result = await read('a,b\n');
    expect(result.columns).toEqual(['a', 'b']);
    expect(result.rows).toEqual([]);
  });

  it('no final newline, trailing blank lines, and mixed LF/CRLF endings', async () => {
    expect((await read('a,b\n1,2\n3,4')).rows).toEqual([[1, 2], [3, 4]]);
    expect((await read('a,b\n1,2\n\n\r\n\n')).rows).toEqual([[1, 2]]);
    expect((await read('a,b\r\n1,x\n2,y\r\n3,z\n')).rows).toEqual([[1, 'x'], [2, 'y'], [3, 'z']]);
  });

  it('a lone CR inside an unquoted field is data, not a line break', async () => {
    expect((await read('a,s\n1,x\ry\n', { types: { s: 'utf8' } })).rows).toEqual([[1, 'x\ry']]);
  });

  it('an empty header name is an error; a duplicate one too', async () => {
    expect((await failure('a,,c\n1,2,3\n'))!.code).toBe('EMPTY_HEADER');
    expect((await failure('a,b,a\n1,2,3\n'))!.code).toBe('DUPLICATE_HEADER');
  });

  it('a field far longer than the read size', async () => {
    const long = 'x'.repeat(3 << 20);
    const result = await read(`a,s\n1,"${long}"\n2,short\n`, { readBytes: 64 * 1024 });
    expect(result.rows[0]![1]).toBe(long);
    expect(result.rows[1]).toEqual([2, 'short']);
  });

  it('numeric columns follow Number(): NaN, Infinity, -0, hex and surrounding spaces', async () => {
    const result = await read('v\nNaN\nInfinity\n-Infinity\n-0\n0x1F\n 12 \n1e308\n5e-324\n1e400\n', { types: { v: 'float64' } });
    const values = result.rows.map((r) => r[0]);
    expect(values).toEqual([NaN, Infinity, -Infinity, -0, 31, 12, 1e308, 5e-324, Infinity]);
    expect(Object.is(values[3], -0)).toBe(true);
  });

  it('a field of spaces in a numeric column is null, text is an error', async () => {
    expect((await read('v,w\n   ,1\n2,1\n', { types: { v: 'float64' } })).rows).toEqual([[null, 1], [2, 1]]);
    expect((await failure('v\n1\nabc\n', { types: { v: 'float64' } }))!.code).toBe('NOT_A_NUMBER');
  });

  it('a file that grows or shrinks while it is read fails with FILE_CHANGED', async () => {
    const path = writeTemp(dir, 'a\n1\n2\n');
    const source = await openSource(csv(path));
    appendFileSync(path, '3\n');
    const error = await (async () => {
      for await (const _ of source.chunks()) void _;
    })().catch((e: unknown) => e as FlowError);
    expect(error!.code).toBe('FILE_CHANGED');
    await source.close();
  });

  it('re-reading a chunk past a truncated end fails with FILE_CHANGED', async () => {
    const path = writeTemp(dir, 'a\n1\n2\n3\n');
    const reader = await CsvReader.open(csv(path, { batchSize: 1 }));
    const extents = [];
    for await (const chunk of reader.chunks()) extents.push({ index: chunk.index, byteOffset: chunk.byteOffset, byteLength: chunk.bytes.length, firstLine: chunk.firstLine, records: chunk.records });
    const { truncateSync } = await import('node:fs');
    truncateSync(path, 4);
    const error = await (async () => {
      for await (const _ of reader.chunksAt(extents)) void _;
    })().catch((e: unknown) => e as FlowError);
    expect(error!.code).toBe('FILE_CHANGED');
    await reader.close();
  });
});
