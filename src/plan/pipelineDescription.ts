import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inputError, planError } from '../errors.js';
import { writeFileAtomic } from '../io/sinks/atomicFile.js';
import type { Plan } from './plan.js';

/**
 * `pipeline.json` in a `flow run` output directory: what `flow predict` needs to apply the
 * same preprocessing. The pipeline module is imported again from `pipelineFile`; the stage
 * descriptions guard against a module that changed since training.
 */
export interface PipelineDescription {
  readonly format: 'flow-pipeline';
  readonly version: 1;
  readonly pipelineFile: string;
  readonly task: string;
  readonly label: string;
  readonly features: readonly string[];
  readonly stages: readonly string[];
}

export function describePipeline(plan: Plan, pipelineFile: string): PipelineDescription {
  const training = plan.training!;
  return {
    format: 'flow-pipeline',
    version: 1,
    pipelineFile: resolve(pipelineFile),
    task: training.task,
    label: training.label,
    features: training.features,
    stages: plan.stages.map((s) => s.stage.description),
  };
}

export async function savePipelineDescription(path: string, description: PipelineDescription): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(description, null, 2)}\n`);
}

export async function loadPipelineDescription(path: string): Promise<PipelineDescription> {
  let json: Partial<PipelineDescription>;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw inputError('MISSING_MODEL', 'no readable pipeline.json (expected the output directory of `flow run`)', { file: path });
  }
  if (json.format !== 'flow-pipeline' || json.version !== 1 || typeof json.pipelineFile !== 'string' || !Array.isArray(json.stages)) {
    throw inputError('BAD_MODEL_DIR', 'not a flow pipeline description (format "flow-pipeline", version 1)', { file: path });
  }
  return json as PipelineDescription;
}

/** Fails when the pipeline module no longer describes the pipeline the model was trained with. */
export function requireSamePipeline(plan: Plan, saved: PipelineDescription): void {
  const now = plan.stages.map((s) => s.stage.description);
  if (now.length !== saved.stages.length || now.some((d, i) => d !== saved.stages[i])) {
    throw planError('PIPELINE_CHANGED', `${saved.pipelineFile} changed since the model was trained: it now has stages [${now.join('; ')}], the model was trained with [${saved.stages.join('; ')}]`);
  }
}
