import * as tf from '@tensorflow/tfjs';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binaryMlp } from '../../src/train/defaultModel.js';
import { loadModel, saveModel } from '../../src/train/modelFiles.js';
import { tempDirectory } from '../helpers/tempFiles.js';

const dir = tempDirectory();

describe('model files', () => {
  it('save then load gives a model with the same predictions', async () => {
    await tf.setBackend('cpu');
    const model = binaryMlp({ inputs: 4, seed: 3 });
    const x = tf.tensor2d([0.1, -1, 2, 0.5, 3, 0, -0.2, 1], [2, 4]);
    const before = (model.predict(x) as tf.Tensor).dataSync();
    await saveModel(model, dir);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await loadModel(dir);
    expect([...(loaded.predict(x) as tf.Tensor).dataSync()]).toEqual([...before]);
  });
});
