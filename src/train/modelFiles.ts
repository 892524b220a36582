import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError } from '../errors.js';
import { writeFileAtomic } from '../io/sinks/atomicFile.js';

/**
 * Saves a model as `model.json` (topology plus weights manifest) and `weights.bin`,
 * the layout `tf.loadLayersModel` reads. A custom handler, because `file://` needs tfjs-node.
 */
export async function saveModel(model: tf.LayersModel, directory: string): Promise<void> {
  await model.save({
    save: async (artifacts) => {
      const weights = concatWeights(artifacts.weightData);
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: 'flow',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFileAtomic(join(directory, 'weights.bin'), weights);
      await writeFileAtomic(join(directory, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
  });
}

export async function loadModel(directory: string): Promise<tf.LayersModel> {
  const path = join(directory, 'model.json');
  let json: { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw inputError('MISSING_MODEL', 'no readable model.json (expected the output directory of `flow run`)', { file: path });
  }
  const weights = await readFile(join(directory, 'weights.bin'));
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((m) => m.weights), weightData }),
  );
}

function concatWeights(data: tf.io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  return Buffer.concat(parts.map((p) => new Uint8Array(p)));
}
