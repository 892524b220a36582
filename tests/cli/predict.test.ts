import * as tf from '@tensorflow/tfjs';
import { parse as csvParse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBinaryDataset } from '../../src/gen/binaryDataset.js';
import { loadModel } from '../../src/train/modelFiles.js';
import { pipelineSource, runFlow } from '../helpers/runFlow.js';
import { tempDirectory, writeTemp } from '../helpers/tempFiles.js';

const dir = tempDirectory();
const data = join(dir, 'train.csv');
const out = join(dir, 'model-out');
const features = Array.from({ length: 16 }, (_, i) => `f${i}`);
let pipelineFile: string;

const rowsOf = (path: string) => csvParse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  await writeBinaryDataset(data, { rows: 2500, seed: 21 });
  pipelineFile = writeTemp(
    dir,
    pipelineSource(`const features = ${JSON.stringify(features)};
export default pipeline(csv('none.csv', { batchSize: 400 }))
  .pipe(dropNulls(features), select([...features, 'target']), standardScale(features))
  .train({ label: 'target', features, epochs: 2 });`),
    'predict.pipeline.ts',
  );
  const result = runFlow(['run', pipelineFile, '--input', data, '--out', out, '--backend', 'cpu', '--quiet']);
  expect(result.code, result.stderr).toBe(0);
});

describe('flow predict', () => {
  it('equals the saved model applied to the transformed rows, with passthrough ids', async () => {
    const predictions = join(dir, 'predictions.csv');
    const predicted = runFlow(['predict', out, '--input', data, '--out', predictions, '--keep', 'id', '--backend', 'cpu', '--workers', '2', '--json', '--quiet']);
    expect(predicted.code, predicted.stderr).toBe(0);
    const transformed = join(dir, 'transformed.csv');
    expect(runFlow(['transform', pipelineFile, '--input', data, '--fitted', join(out, 'fitted.json'), '--out', transformed, '--quiet']).code).toBe(0);

    const rows = rowsOf(transformed);
    const output = rowsOf(predictions);
    expect(output).toHaveLength(rows.length);
    // The ids are those of the rows dropNulls kept, in input order.
    const keptIds = rowsOf(data).filter((r) => features.every((f) => r[f] !== '')).map((r) => r.id);
    expect(output.map((r) => r.id)).toEqual(keptIds);

    await tf.setBackend('cpu');
    const model = await loadModel(join(out, 'model'));
    const x = tf.tensor2d(rows.flatMap((r) => features.map((f) => Number(r[f]))), [rows.length, features.length]);
    const expected = (model.predict(x) as tf.Tensor).dataSync();
    output.forEach((r, i) => expect(Number(r.prediction)).toBeCloseTo(expected[i]!, 6));
  });

  it('refuses a model directory whose pipeline module changed since training', () => {
    const saved = JSON.parse(readFileSync(join(out, 'pipeline.json'), 'utf8'));
    expect(saved).toMatchObject({ format: 'flow-pipeline', version: 1, label: 'target', features });
    const changed = writeTemp(dir, pipelineSource(`export default pipeline(csv('none.csv')).pipe(select(['f0', 'target'])).train({ label: 'target' });`), 'changed.pipeline.ts');
    const copy = join(dir, 'changed-model');
    runFlow(['run', pipelineFile, '--input', data, '--out', copy, '--backend', 'cpu', '--quiet', '--epochs', '1']);
    const description = JSON.parse(readFileSync(join(copy, 'pipeline.json'), 'utf8'));
    writeTemp(dir, JSON.stringify({ ...description, pipelineFile: changed }), 'changed-model/pipeline.json');
    const result = runFlow(['predict', copy, '--input', data, '--out', join(dir, 'never.csv')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\[PIPELINE_CHANGED\]/);
  });
});
