import { access, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Pipeline } from '../plan/pipeline.js';

/** Applies `--input`, or generates the pipeline's sample data when its source file is missing. */
export async function resolveInput(pipeline: Pipeline, input: string | undefined, say: (message: string) => void): Promise<Pipeline> {
  if (input !== undefined) return pipeline.withInput(input);
  const path = pipeline.source.path;
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (!exists && pipeline.sampleGenerator) {
    say(`flow: ${path} not found; generating sample data there`);
    await mkdir(dirname(path), { recursive: true });
    await pipeline.sampleGenerator(path);
  }
  return pipeline;
}
