import { describe, expect, it } from 'vitest';
import { toRowBlock } from '../../src/train/rowBlock.js';
import { batchOf } from '../helpers/batches.js';

const spec = { features: ['a', 'b'], label: 'y', task: 'binary' as const, file: 'data.csv' };

describe('toRowBlock', () => {
  it('lays features out row-major with the label beside them', () => {
    const block = toRowBlock(batchOf({ a: [1, 2], b: [3, 4], y: [0, 1] }), spec);
    expect([...block.x]).toEqual([1, 3, 2, 4]);
    expect([...block.y]).toEqual([0, 1]);
  });

  it('rejects labels other than 0/1, naming the file and column', () => {
    expect(() => toRowBlock(batchOf({ a: [1], b: [1], y: [2] }), spec)).toThrow(/data.csv, column "y": label value 2 is not 0 or 1/);
  });

  it('regression accepts any finite label and rejects NaN', () => {
    const regression = { ...spec, task: 'regression' as const };
    expect([...toRowBlock(batchOf({ a: [1], b: [1], y: [2.5] }), regression).y]).toEqual([2.5]);
    expect(() => toRowBlock(batchOf({ a: [1], b: [1], y: [NaN] }), regression)).toThrow(/is not a finite number/);
  });

  it('rejects null features and labels with a hint', () => {
    expect(() => toRowBlock(batchOf({ a: [null], b: [1], y: [1] }), spec)).toThrow(/add dropNulls/);
    expect(() => toRowBlock(batchOf({ a: [1], b: [1], y: [null] }), spec)).toThrow(/label has 1 null/);
  });
});
