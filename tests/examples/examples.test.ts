import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../src/plan/pipeline.js';
import { repoRoot, runFlow } from '../helpers/runFlow.js';
import { tempDirectory } from '../helpers/tempFiles.js';

const dir = tempDirectory();
const examples = readdirSync(join(repoRoot, 'examples')).filter((name) => name.endsWith('.ts'));

describe('every example runs on its own sample data', () => {
  it('finds the examples', () => {
    expect(examples).toEqual(expect.arrayContaining(['binary.ts', 'categorical.ts', 'parquet.ts', 'regression.ts']));
  });

  it.each(examples)('%s trains and learns something', async (name) => {
    const pipeline = ((await import(join(repoRoot, 'examples', name))) as { default: Pipeline }).default;
    const sample = join(dir, `${name}.${pipeline.source.kind}`);
    expect(pipeline.sampleGenerator, `${name} must generate its sample data`).toBeDefined();
    await pipeline.sampleGenerator!(sample);
    const result = runFlow(['run', `examples/${name}`, '--input', sample, '--epochs', '3', '--json', '--quiet', '--out', join(dir, name)]);
    expect(result.code, result.stderr).toBe(0);
    const { epochs } = JSON.parse(result.stdout);
    expect(epochs).toHaveLength(3);
    const last = epochs[2];
    if ('valAuc' in last) expect(last.valAuc).toBeGreaterThan(0.8);
    else expect(last.valLoss).toBeLessThan(epochs[0].valLoss);
  });
});
