import { Field, Int32, Schema, makeData } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { recordBatch } from '../../../src/io/arrow/columns.js';
import { packBatch, transferablesOf, unpackBatch } from '../../../src/runtime/workers/batchTransfer.js';
import { batchOf, columnsOf } from '../../helpers/batches.js';

describe('batch transfer', () => {
  it('round-trips Float64 and Utf8 columns with nulls through plain buffers', () => {
    const batch = batchOf({ x: [1.5, null, -0], s: ['a', null, 'ccc'] });
    const expected = columnsOf(batch);
    const packed = packBatch(batch);
    expect(packed.kind).toBe('columns');
    const copy = structuredClone(packed, { transfer: transferablesOf(packed) });
    expect(columnsOf(unpackBatch(copy))).toEqual(expected);
  });

  it('detaches the sender buffers when transferred (no copy)', () => {
    const batch = batchOf({ x: [1, 2, 3] });
    const values = batch.data.children[0]!.values as Float64Array;
    const packed = packBatch(batch);
    structuredClone(packed, { transfer: transferablesOf(packed) });
    expect(values.byteLength).toBe(0);
  });

  it('falls back to Arrow IPC bytes for other column types', () => {
    const schema = new Schema([new Field('i', new Int32(), false)]);
    const batch = recordBatch(schema, [makeData({ type: new Int32(), length: 3, data: Int32Array.from([1, 2, 3]) })]);
    const packed = packBatch(batch);
    expect(packed.kind).toBe('ipc');
    expect([...unpackBatch(packed).getChildAt(0)!]).toEqual([1, 2, 3]);
  });
});
