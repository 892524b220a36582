import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { StatefulStage } from '../operators/stage.js';
import type { FittedStates } from '../plan/fittedState.js';
import type { Plan, PlanOverrides } from '../plan/plan.js';
import { ChunkJob, type ChunkOutput, type ChunkPass } from './chunkJob.js';
import type { OpenSource, SourceChunk } from './source.js';
import type { ChunkWorkerPool } from './workers/workerPool.js';

/** Where chunks are processed: the worker pool, or inline on the main thread. */
export interface Runtime {
  readonly pool: ChunkWorkerPool | undefined;
  /** The pipeline module workers import; without it everything runs inline. */
  readonly pipelineFile: string | undefined;
  readonly input: string | undefined;
  readonly overrides: PlanOverrides;
}

export const INLINE: Runtime = { pool: undefined, pipelineFile: undefined, input: undefined, overrides: {} };

/** Processes one chunk for one pass; `concurrency` is how many may be in flight. */
export interface Executor {
  readonly concurrency: number;
  readonly where: 'workers' | 'main thread';
  run(pass: ChunkPass, chunk: SourceChunk, signal?: AbortSignal): Promise<ChunkOutput>;
  /** Releases what the executor opened on this thread. */
  close(): void;
}

/**
 * An executor for passes over `stages` (the first `stageCount` of the plan) with the
 * fitted states known so far. User operators marked `onMainThread` keep such a pass inline.
 */
export function executorFor(runtime: Runtime, plan: Plan, source: OpenSource, states: FittedStates, stageCount: number): Executor {
  const { read } = source;
  const pinned = plan.stages.slice(0, stageCount).some((s) => s.stage.type === 'opaque' && s.stage.mainThreadOnly === true);
  const { pool } = runtime;
  if (!pool || runtime.pipelineFile === undefined || pinned) {
    const job = new ChunkJob(plan, read, states);
    return { concurrency: 1, where: 'main thread', run: (pass, chunk) => job.run(pass, chunk), close: () => job.close() };
  }
  const jobId = randomUUID();
  const spec = {
    pipelineFile: resolve(runtime.pipelineFile),
    input: runtime.input,
    overrides: runtime.overrides,
    read,
    states: [...states].map(([index, state]) => ({ index, state: (plan.stages[index]!.stage as StatefulStage).stateToJSON(state) })),
  };
  return {
    concurrency: pool.threads + 1,
    where: 'workers',
    run: (pass, chunk, signal) => pool.run(jobId, spec, pass, chunk, signal),
    close: () => undefined,
  };
}
