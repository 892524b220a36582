import { buildPlan, type Plan, type PlanOverrides } from '../plan/plan.js';
import type { Pipeline } from '../plan/pipeline.js';
import type { ProgressSink } from '../runtime/progress.js';
import type { Runtime } from '../runtime/executor.js';
import { openSource, type OpenSource } from '../runtime/source.js';
import { bundleWorker } from '../runtime/workers/workerBundle.js';
import { ChunkWorkerPool } from '../runtime/workers/workerPool.js';
import { loadPipeline } from '../plan/loadPipeline.js';
import { resolveInput } from './resolveInput.js';

/** What every command gets: where to talk, and the run's abort signal. */
export interface CommandIO {
  readonly json: boolean;
  readonly progress: ProgressSink;
  /** A line for the human on stderr (silent with --quiet). */
  readonly say: (message: string) => void;
  readonly signal: AbortSignal;
  /** Worker threads (`--workers`); 0 runs everything on the main thread. */
  readonly workers: number;
}

export interface Session {
  readonly pipeline: Pipeline;
  readonly source: OpenSource;
  readonly plan: Plan;
  readonly runtime: Runtime;
}

/** Loads the pipeline file, applies --input, opens the source and validates the plan. */
export async function openSession(file: string, input: string | undefined, overrides: PlanOverrides, io: CommandIO): Promise<Session> {
  const pipeline = await resolveInput(await loadPipeline(file), input, io.say);
  const source = await openSource(pipeline.source);
  for (const note of source.notes) io.say(`flow: note: ${note}`);
  try {
    const plan = buildPlan(pipeline, source.schema, overrides);
    const pool = io.workers > 0 ? new ChunkWorkerPool({ threads: io.workers, filename: await bundleWorker(file) }) : undefined;
    return { pipeline, source, plan, runtime: { pool, pipelineFile: file, input, overrides } };
  } catch (error) {
    await source.close();
    throw error;
  }
}

/** Terminates the session's workers and closes its input (on success, error and interrupt alike). */
export async function closeSession(session: Pick<Session, 'source' | 'runtime'>): Promise<void> {
  await session.runtime.pool?.destroy();
  await session.source.close();
}

export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
