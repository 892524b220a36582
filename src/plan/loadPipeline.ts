import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FlowError, inputError, usageError } from '../errors.js';
import { isPipeline, type Pipeline } from './pipeline.js';

/** Imports a pipeline definition file; its default export (or `pipeline` export) must be a Pipeline. */
export async function loadPipeline(path: string): Promise<Pipeline> {
  const absolute = resolve(path);
  try {
    await access(absolute);
  } catch {
    throw inputError('MISSING_FILE', 'pipeline file not found', { file: path });
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof FlowError) throw error;
    throw new FlowError('plan', 'PIPELINE_LOAD_FAILED', `${path}: could not load the pipeline file: ${(error as Error).message}`, { file: path });
  }
  return pipelineFromModule(module, path);
}

/** The Pipeline a module exports as default (or as `pipeline`). */
export function pipelineFromModule(module: Record<string, unknown>, path: string): Pipeline {
  const candidate = module.default ?? module.pipeline;
  if (!isPipeline(candidate)) {
    throw usageError('NOT_A_PIPELINE', `${path} must \`export default pipeline(...)\`; its exports are: ${Object.keys(module).join(', ') || '(none)'}`);
  }
  return candidate;
}
