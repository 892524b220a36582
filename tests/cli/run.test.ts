import { parse as csvParse } from 'csv-parse/sync';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBinaryDataset } from '../../src/gen/binaryDataset.js';
import { pipelineSource, runFlow } from '../helpers/runFlow.js';
import { tempDirectory, writeTemp } from '../helpers/tempFiles.js';

const dir = tempDirectory();
const data = join(dir, 'binary.csv');
const features = Array.from({ length: 16 }, (_, i) => `f${i}`);
let pipelineFile: string;

beforeAll(async () => {
  await writeBinaryDataset(data, { rows: 6000, seed: 11 });
  pipelineFile = writeTemp(
    dir,
    pipelineSource(`
const features = ${JSON.stringify(features)};
export default pipeline(csv('missing.csv'))
  .pipe(dropNulls(features), select([...features, 'target']), standardScale(features))
  .train({ label: 'target', features, epochs: 3 });`),
    'binary.pipeline.ts',
  );
});

function rowsOf(path: string): Record<string, string>[] {
  return csvParse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
}

describe('flow run', () => {
  it('trains end to end, prints one JSON summary, and beats the majority class', () => {
    const out = join(dir, 'out-run');
    const result = runFlow(['run', pipelineFile, '--input', data, '--out', out, '--json', '--seed', '3']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(['wasm', 'cpu', 'tensorflow']).toContain(summary.backend);
    expect(result.stderr).toContain(`training on the tfjs "${summary.backend}" backend`);
    expect(summary.rowsRead).toBe(6000);
    expect(summary.rowsKept + summary.rowsDropped).toBe(summary.rowsRead);
    expect(summary.trainRows + summary.validationRows).toBe(summary.rowsKept);
    expect(summary.validationRows / summary.rowsKept).toBeGreaterThan(0.07);
    expect(summary.validationRows / summary.rowsKept).toBeLessThan(0.13);
    expect(summary.epochs).toHaveLength(3);
    expect(Object.keys(summary.epochs[0]).sort()).toEqual(['accuracy', 'loss', 'valAccuracy', 'valAuc', 'valLoss']);
    expect(summary.peakRssBytes).toBeGreaterThan(0);

    const targets = rowsOf(data).map((r) => Number(r.target));
    const positives = targets.filter((t) => t === 1).length / targets.length;
    const majority = Math.max(positives, 1 - positives);
    const last = summary.epochs.at(-1);
    expect(last.valAccuracy).toBeGreaterThan(majority + 0.1);
    expect(last.valAuc).toBeGreaterThan(0.8);
    expect(last.loss).toBeLessThan(summary.epochs[0].loss);

    const model = JSON.parse(readFileSync(join(out, 'model', 'model.json'), 'utf8'));
    expect(model.modelTopology.config.layers.map((l: { config: { units: number } }) => l.config.units)).toEqual([64, 32, 1]);
    expect(existsSync(join(out, 'model', 'weights.bin'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'fitted.json'), 'utf8')).format).toBe('flow-fitted');
  });

  it('gives identical results for the same seed on the cpu backend', () => {
    const args = ['run', pipelineFile, '--input', data, '--json', '--quiet', '--epochs', '1', '--backend', 'cpu', '--seed', '9'];
    const a = JSON.parse(runFlow([...args, '--out', join(dir, 'det-a')]).stdout);
    const b = JSON.parse(runFlow([...args, '--out', join(dir, 'det-b')]).stdout);
    expect(a.backend).toBe('cpu');
    expect(a.epochs).toEqual(b.epochs);
    expect(readFileSync(join(dir, 'det-a', 'model', 'weights.bin'))).toEqual(readFileSync(join(dir, 'det-b', 'model', 'weights.bin')));
  });
});

describe('flow fit and transform', () => {
  it('fit writes mean and population variance equal to a naive computation', () => {
    const out = join(dir, 'fitted.json');
    const result = runFlow(['fit', pipelineFile, '--input', data, '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const fitted = JSON.parse(readFileSync(out, 'utf8'));
    const rows = rowsOf(data).filter((r) => features.every((f) => r[f] !== ''));
    expect(fitted.rowsFitted).toBe(rows.length);
    for (const f of features) {
      const xs = rows.map((r) => Number(r[f]));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
      const got = fitted.stages[0].state.columns[f];
      expect(got.count).toBe(xs.length);
      expect(Math.abs(got.mean - mean)).toBeLessThanOrEqual(1e-12 * Math.max(...xs.map(Math.abs)));
      expect(Math.abs(got.variance - variance) / variance).toBeLessThan(1e-10);
    }
  });

  it('transform writes standardized rows to CSV and Arrow, atomically', async () => {
    const csvOut = join(dir, 'scaled.csv');
    const result = runFlow(['transform', pipelineFile, '--input', data, '--out', csvOut, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    const rows = rowsOf(csvOut);
    expect(rows).toHaveLength(summary.rowsKept);
    expect(Object.keys(rows[0]!)).toEqual([...features, 'target']);
    const f5 = rows.map((r) => Number(r.f5));
    expect(Math.abs(f5.reduce((s, x) => s + x, 0) / f5.length)).toBeLessThan(1e-9);

    const arrowOut = join(dir, 'scaled.arrow');
    expect(runFlow(['transform', pipelineFile, '--input', data, '--out', arrowOut, '--quiet']).code).toBe(0);
    const { tableFromIPC } = await import('apache-arrow');
    const table = tableFromIPC(readFileSync(arrowOut));
    expect(table.numRows).toBe(summary.rowsKept);
    expect(Number(table.getChild('f5')!.get(0))).toBeCloseTo(f5[0]!, 12);
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('chained stateful steps', () => {
  it('mean imputation then scaling: the scaler sees the imputed values, with any worker count', () => {
    const file = writeTemp(
      dir,
      pipelineSource(`export default pipeline(csv('none.csv', { batchSize: 500 })).pipe(fillNulls({ columns: ['f3'], strategy: 'mean' }), standardScale(['f3']));`),
      'impute.pipeline.ts',
    );
    const fitted = [0, 2].map((workers) => {
      const out = join(dir, `impute${workers}.json`);
      const result = runFlow(['fit', file, '--input', data, '--out', out, '--workers', String(workers), '--quiet']);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(readFileSync(out, 'utf8'));
    });
    expect(fitted[1].stages).toEqual(fitted[0].stages);
    const values = rowsOf(data).map((r) => r.f3!).filter((v) => v !== '').map(Number);
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    const variance = values.reduce((s, x) => s + (x - mean) ** 2, 0) / values.length;
    const [fill, scale] = fitted[0].stages;
    expect(fill.state.fill.f3).toBeCloseTo(mean, 10);
    // After imputation every row has a value equal to the mean where it was null.
    expect(scale.state.columns.f3.count).toBe(6000);
    expect(scale.state.columns.f3.mean).toBeCloseTo(mean, 10);
    expect(scale.state.columns.f3.variance).toBeCloseTo((variance * values.length) / 6000, 10);
  });
});

describe('a shared fit pass', () => {
  it('fits independent scalers in one pass, with the same results as a naive computation', () => {
    const file = writeTemp(
      dir,
      pipelineSource(`export default pipeline(csv('none.csv', { batchSize: 700 })).pipe(dropNulls(['f0', 'f1']), standardScale(['f0']), minMaxScale(['f1']));`),
      'shared.pipeline.ts',
    );
    const out = join(dir, 'shared.json');
    const result = runFlow(['fit', file, '--input', data, '--out', out, '--workers', '2', '--json', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).passes).toBe(1);
    const [scale, minMax] = JSON.parse(readFileSync(out, 'utf8')).stages;
    const rows = rowsOf(data).filter((r) => r.f0 !== '' && r.f1 !== '');
    const f0 = rows.map((r) => Number(r.f0));
    const f1 = rows.map((r) => Number(r.f1));
    expect(scale.state.columns.f0.mean).toBeCloseTo(f0.reduce((s, x) => s + x, 0) / f0.length, 12);
    expect(minMax.state.columns.f1).toEqual({ min: Math.min(...f1), max: Math.max(...f1) });
  });
});

describe('reusing fitted state and other output formats', () => {
  it('flow run --fitted uses the given state instead of fitting', () => {
    // Fit on the first 1,000 rows only: a run that re-fitted on the whole file would differ.
    const head = writeTemp(dir, readFileSync(data, 'utf8').split('\n').slice(0, 1001).join('\n') + '\n', 'head.csv');
    const fitted = join(dir, 'reuse-fitted.json');
    expect(runFlow(['fit', pipelineFile, '--input', head, '--out', fitted, '--quiet']).code).toBe(0);
    const out = join(dir, 'reuse-run');
    const result = runFlow(['run', pipelineFile, '--input', data, '--fitted', fitted, '--epochs', '1', '--out', out, '--backend', 'cpu', '--quiet', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const stateOf = (path: string) => JSON.parse(readFileSync(path, 'utf8')).stages[0].state;
    expect(stateOf(join(out, 'fitted.json'))).toEqual(stateOf(fitted));
    expect(stateOf(fitted).columns.f0.count).toBeLessThan(1000);
  });

  it('writes an Arrow IPC stream for .arrows', async () => {
    const out = join(dir, 'scaled.arrows');
    expect(runFlow(['transform', pipelineFile, '--input', data, '--out', out, '--quiet']).code).toBe(0);
    const { RecordBatchReader } = await import('apache-arrow');
    let rows = 0;
    for (const batch of RecordBatchReader.from(readFileSync(out))) rows += batch.numRows;
    expect(rows).toBe(rowsOf(data).filter((r) => features.every((f) => r[f] !== '')).length);
  });
});
