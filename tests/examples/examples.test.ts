import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBinaryDataset } from '../../src/gen/binaryDataset.js';
import { repoRoot, runFlow } from '../helpers/runFlow.js';
import { tempDirectory } from '../helpers/tempFiles.js';

const dir = tempDirectory();
const sample = join(dir, 'sample.csv');
const examples = readdirSync(join(repoRoot, 'examples')).filter((name) => name.endsWith('.ts'));

beforeAll(() => writeBinaryDataset(sample, { rows: 3000, seed: 13 }));

describe('every example runs on a small sample', () => {
  it('finds the examples', () => {
    expect(examples).toContain('binary.ts');
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples)('%s trains and beats chance', (name) => {
    const result = runFlow(['run', `examples/${name}`, '--input', sample, '--epochs', '2', '--json', '--quiet', '--out', join(dir, name)]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.epochs).toHaveLength(2);
    expect(summary.epochs[1].valAuc).toBeGreaterThan(0.75);
  });
});
