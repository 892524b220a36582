import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/train/random.js';
import { ShuffleBatcher, type Minibatch } from '../../src/train/shuffleBuffer.js';

function runEpoch(rows: number, blockRows: number, capacity: number, seed: number): Minibatch[] {
  const batcher = new ShuffleBatcher(2, capacity, 4, createRng(seed));
  const out: Minibatch[] = [];
  for (let start = 0; start < rows; start += blockRows) {
    const n = Math.min(blockRows, rows - start);
    const x = new Float32Array(n * 2);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x[2 * i] = start + i;
      x[2 * i + 1] = -(start + i);
      y[i] = (start + i) % 2;
    }
    out.push(...batcher.add({ rows: n, x, y }));
  }
  out.push(...batcher.drain());
  return out;
}

const ids = (batches: Minibatch[]) => batches.flatMap((b) => Array.from({ length: b.rows }, (_, i) => b.x[2 * i]!));

describe('ShuffleBatcher', () => {
  it('emits every row exactly once, with its features and label kept together', () => {
    const batches = runEpoch(103, 10, 16, 1);
    expect(ids(batches).sort((a, b) => a - b)).toEqual(Array.from({ length: 103 }, (_, i) => i));
    for (const b of batches) {
      for (let i = 0; i < b.rows; i++) {
        expect(b.x[2 * i + 1]).toBe(-b.x[2 * i]!);
        expect(b.y[i]).toBe(b.x[2 * i]! % 2);
      }
    }
    expect(batches.slice(0, -1).every((b) => b.rows === 4)).toBe(true);
    expect(batches.at(-1)!.rows).toBe(103 % 4);
  });

  it('is reproducible from the seed and changes with it', () => {
    expect(ids(runEpoch(200, 7, 32, 5))).toEqual(ids(runEpoch(200, 7, 32, 5)));
    expect(ids(runEpoch(200, 7, 32, 5))).not.toEqual(ids(runEpoch(200, 7, 32, 6)));
  });

  it('actually mixes rows: the order is far from the input order', () => {
    const order = ids(runEpoch(1000, 50, 256, 3));
    const displaced = order.filter((id, position) => Math.abs(id - position) > 20).length;
    expect(displaced).toBeGreaterThan(500);
  });
});
