import { readFile } from 'node:fs/promises';
import { inputError, planError } from '../errors.js';
import { writeFileAtomic } from '../io/sinks/atomicFile.js';
import type { StatefulStage } from '../operators/stage.js';
import type { Plan } from './plan.js';

/** Fitted state of every stateful stage, by stage index. */
export type FittedStates = ReadonlyMap<number, unknown>;

/**
 * The documented JSON form of fitted state (`flow fit --out fitted.json`):
 *
 * {
 *   "format": "flow-fitted", "version": 1,
 *   "source": "data/binary.csv", "rowsFitted": 19790,
 *   "stages": [
 *     { "index": 2, "operator": "standardScale", "description": "standardScale(f0, …)",
 *       "state": { "columns": { "f0": { "count": 19790, "mean": 1.5, "variance": 0.25 } } } }
 *   ]
 * }
 *
 * `variance` is the population variance. `index` is the 0-based position in the pipeline.
 */
export interface FittedFile {
  readonly format: 'flow-fitted';
  readonly version: 1;
  readonly source: string;
  readonly rowsFitted: number;
  readonly stages: readonly { index: number; operator: string; description: string; state: unknown }[];
}

export function fittedToJSON(plan: Plan, states: FittedStates, source: string, rowsFitted: number): FittedFile {
  return {
    format: 'flow-fitted',
    version: 1,
    source,
    rowsFitted,
    stages: plan.fitPasses.flatMap((pass) => pass.stageIndices).map((stageIndex) => {
      const stage = plan.stages[stageIndex]!.stage as StatefulStage;
      return { index: stageIndex, operator: stage.name, description: stage.description, state: stage.stateToJSON(states.get(stageIndex)) };
    }),
  };
}

export function fittedFromJSON(plan: Plan, json: unknown, file: string): FittedStates {
  const parsed = json as Partial<FittedFile>;
  if (parsed?.format !== 'flow-fitted' || parsed.version !== 1 || !Array.isArray(parsed.stages)) {
    throw inputError('BAD_FITTED_FILE', 'not a flow fitted-state file (expected format "flow-fitted", version 1)', { file });
  }
  const states = new Map<number, unknown>();
  for (const stageIndex of plan.fitPasses.flatMap((pass) => pass.stageIndices)) {
    const stage = plan.stages[stageIndex]!.stage as StatefulStage;
    const entry = parsed.stages.find((s) => s.index === stageIndex);
    if (!entry || entry.operator !== stage.name) {
      const found = parsed.stages.map((s) => `${s.index}:${s.operator}`).join(', ');
      throw planError('FITTED_MISMATCH', `${file} does not match this pipeline: no state for stage ${stageIndex} (${stage.description}); file has ${found || 'nothing'}`);
    }
    states.set(stageIndex, stage.stateFromJSON(entry.state));
  }
  return states;
}

export async function saveFitted(path: string, file: FittedFile): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}

export async function loadFitted(plan: Plan, path: string): Promise<FittedStates> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw inputError('MISSING_FILE', 'fitted-state file not found', { file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw inputError('BAD_FITTED_FILE', `invalid JSON: ${(error as Error).message}`, { file: path });
  }
  return fittedFromJSON(plan, json, path);
}
