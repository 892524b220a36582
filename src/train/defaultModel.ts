import * as tf from '@tensorflow/tfjs';
import type { ModelFactory } from './trainOptions.js';

/**
 * The classic binary MLP: Dense 64 relu → Dense 32 relu → Dense 1 sigmoid,
 * with Glorot-uniform weights seeded for reproducibility.
 */
export const binaryMlp: ModelFactory = ({ inputs, seed }) => {
  const dense = (units: number, activation: 'relu' | 'sigmoid', layer: number, inputShape?: number[]) =>
    tf.layers.dense({
      units,
      activation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 7919 + layer }),
      ...(inputShape ? { inputShape } : {}),
    });
  return tf.sequential({ layers: [dense(64, 'relu', 1, [inputs]), dense(32, 'relu', 2), dense(1, 'sigmoid', 3)] });
};

/** Compiles a model the pipeline left uncompiled: Adam, binary cross-entropy, accuracy. */
export function compileIfNeeded(model: tf.LayersModel, learningRate: number): void {
  if (model.optimizer) return;
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
}
