import { describe, expect, it } from 'vitest';
import { boundedMap } from '../../src/runtime/boundedMap.js';

async function* counting(n: number, pulled: number[]): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    pulled.push(i);
    yield i;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('boundedMap', () => {
  it('keeps input order in ordered mode even when later items finish first', async () => {
    const out: number[] = [];
    for await (const v of boundedMap(counting(10, []), async (x) => (await sleep((10 - x) * 2), x * 10), { concurrency: 4, ordered: true })) out.push(v);
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('yields as work finishes in unordered mode', async () => {
    const out: number[] = [];
    for await (const v of boundedMap(counting(4, []), async (x) => (await sleep((4 - x) * 15), x), { concurrency: 4, ordered: false })) out.push(v);
    expect(out).toEqual([3, 2, 1, 0]);
  });

  it('never has more than `concurrency` items in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const work = async (x: number) => {
      peak = Math.max(peak, ++inFlight);
      await sleep(1 + (x % 3));
      inFlight--;
      return x;
    };
    for await (const _ of boundedMap(counting(50, []), work, { concurrency: 3, ordered: true })) void _;
    expect(peak).toBe(3);
  });

  it('a slow consumer stalls the source: it is pulled at most `concurrency` items ahead', async () => {
    const pulled: number[] = [];
    let consumed = 0;
    for await (const _ of boundedMap(counting(100, pulled), async (x) => x, { concurrency: 4, ordered: true })) {
      consumed++;
      await sleep(1);
      expect(pulled.length - consumed).toBeLessThanOrEqual(4);
    }
    expect(consumed).toBe(100);
  });

  it('propagates the first error and settles the rest', async () => {
    const run = async () => {
      for await (const _ of boundedMap(counting(10, []), async (x) => {
        if (x === 3) throw new Error('boom');
        await sleep(2);
        return x;
      }, { concurrency: 4, ordered: true })) void _;
    };
    await expect(run()).rejects.toThrow('boom');
  });
});
