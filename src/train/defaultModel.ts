import * as tf from '@tensorflow/tfjs';
import type { ModelFactory, TrainTask } from './trainOptions.js';

/** Dense 64 relu → Dense 32 relu → Dense 1 `output`, with Glorot-uniform weights seeded for reproducibility. */
function mlp(output: 'sigmoid' | 'linear'): ModelFactory {
  return ({ inputs, seed }) => {
    const dense = (units: number, activation: 'relu' | 'sigmoid' | 'linear', layer: number, inputShape?: number[]) =>
      tf.layers.dense({
        units,
        activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 7919 + layer }),
        ...(inputShape ? { inputShape } : {}),
      });
    return tf.sequential({ layers: [dense(64, 'relu', 1, [inputs]), dense(32, 'relu', 2), dense(1, output, 3)] });
  };
}

/** The classic binary MLP: Dense 64 relu → Dense 32 relu → Dense 1 sigmoid. */
export const binaryMlp: ModelFactory = mlp('sigmoid');

/** The same MLP with a linear output, for regression. */
export const regressionMlp: ModelFactory = mlp('linear');

/**
 * Compiles a model the pipeline left uncompiled: Adam with binary cross-entropy and accuracy
 * (binary), or with mean squared error and mean absolute error (regression).
 */
export function compileIfNeeded(model: tf.LayersModel, learningRate: number, task: TrainTask = 'binary'): void {
  if (model.optimizer) return;
  model.compile(
    task === 'binary'
      ? { optimizer: tf.train.adam(learningRate), loss: 'binaryCrossentropy', metrics: ['accuracy'] }
      : { optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError', metrics: ['mae'] },
  );
}
