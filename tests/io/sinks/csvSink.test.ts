import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bool, DateDay, Field, Int64, Schema, TimestampMicrosecond, TimestampSecond, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { recordBatch } from '../../../src/io/arrow/columns.js';
import { csvSink } from '../../../src/io/sinks/csvSink.js';
import { tempDirectory } from '../../helpers/tempFiles.js';
import { decimalColumn, timestampColumn } from '../../helpers/typedColumns.js';

const dir = tempDirectory();

describe('csvSink', () => {
  it('writes integers and decimals exactly, dates and timestamps in ISO 8601, booleans as words', async () => {
    const columns = [
      vectorFromArray([9007199254740993n, -1n, null], new Int64()).data[0]!,
      decimalColumn([-5n, 123456789012345678901234567n, null], 38, 3),
      vectorFromArray([new Date('2024-02-29T00:00:00Z'), new Date('1969-12-31T00:00:00Z'), null], new DateDay()).data[0]!,
      timestampColumn([1_700_000_000_123_456n, -1n, null], new TimestampMicrosecond()),
      timestampColumn([0n, 86_400n, null], new TimestampSecond()),
      vectorFromArray([true, false, null], new Bool()).data[0]!,
      vectorFromArray(['a,b', '', null], new Utf8()).data[0]!,
    ];
    const schema = new Schema(columns.map((data, i) => new Field(['big', 'price', 'day', 'ts', 'sec', 'flag', 'text'][i]!, data.type, true)));
    const path = join(dir, 'typed.csv');
    const sink = await csvSink(path, schema);
    await sink.write(recordBatch(schema, columns));
    await sink.commit();
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      'big,price,day,ts,sec,flag,text',
      '9007199254740993,-0.005,2024-02-29,2023-11-14T22:13:20.123456Z,1970-01-01T00:00:00Z,true,"a,b"',
      '-1,123456789012345678901234.567,1969-12-31,1969-12-31T23:59:59.999999Z,1970-01-02T00:00:00Z,false,""',
      ',,,,,,',
      '',
    ]);
  });
});
