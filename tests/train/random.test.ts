import { describe, expect, it } from 'vitest';
import { createRng, hashUnit, shuffled } from '../../src/train/random.js';

describe('random', () => {
  it('is deterministic per seed and roughly uniform', () => {
    const a = createRng(1);
    const b = createRng(1);
    const draws = Array.from({ length: 10_000 }, () => a.next());
    expect(draws.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffled(items, createRng(3));
    expect([...out].sort((x, y) => x - y)).toEqual(items);
    expect(out).not.toEqual(items);
  });

  it('holds out about the requested share of line numbers, stably', () => {
    const held = Array.from({ length: 100_000 }, (_, line) => hashUnit(line, 42) < 0.1).filter(Boolean).length;
    expect(held / 100_000).toBeGreaterThan(0.095);
    expect(held / 100_000).toBeLessThan(0.105);
    expect(hashUnit(12345, 42)).toBe(hashUnit(12345, 42));
  });
});
