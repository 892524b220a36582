import type { StatefulStage } from '../operators/stage.js';
import type { FittedStates } from '../plan/fittedState.js';
import type { Plan } from '../plan/plan.js';
import { boundedMap } from './boundedMap.js';
import { executorFor, INLINE, type Runtime } from './executor.js';
import { addChunk, emptyCounts, ignoreProgress, type ProgressSink, type RowCounts } from './progress.js';
import { chunkByteLength, type ChunkRef, type OpenSource } from './source.js';

export interface FitOptions {
  readonly runtime?: Runtime;
  readonly signal?: AbortSignal;
  readonly progress?: ProgressSink;
  /** Receives the extent of every chunk read by the first pass (for shuffled epochs later). */
  readonly extents?: ChunkRef[];
}

export interface FitResult {
  readonly states: FittedStates;
  /** Counts from the first fit pass. */
  readonly counts: RowCounts;
}

/**
 * Pass 1: fits every stateful stage in dependency order, in as few passes as the plan
 * found. A pass reads only the source columns it needs, runs the stages before the fitted
 * ones (earlier passes' stages with their fitted state), and folds each chunk into partial
 * accumulators.
 * Chunks finish in any order, but partials are merged in chunk order, so the result is
 * the same for any number of workers.
 */
export async function fitPipeline(plan: Plan, source: OpenSource, options: FitOptions = {}): Promise<FitResult> {
  const states = new Map<number, unknown>();
  const progress = options.progress ?? ignoreProgress;
  let firstCounts = emptyCounts();
  for (const [fitIndex, pass] of plan.fitPasses.entries()) {
    const last = pass.stageIndices[pass.stageIndices.length - 1]!;
    const names = pass.stageIndices.map((index) => plan.stages[index]!.stage.name).join(', ');
    const executor = executorFor(options.runtime ?? INLINE, plan, source, states, last);
    const counts = emptyCounts();
    const record = fitIndex === 0 ? options.extents : undefined;
    const chunks = source.chunks({ ...(record ? { record } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    const partials = new Map<number, unknown[]>();
    const results = boundedMap(
      chunks,
      async (chunk, index) => {
        const bytes = chunkByteLength(chunk);
        return { index, bytes, out: await executor.run({ kind: 'fit', fitIndex }, chunk, options.signal) };
      },
      { concurrency: executor.concurrency, ordered: false },
    );
    try {
      for await (const { index, bytes, out } of results) {
        if (out.kind !== 'fit') continue;
        partials.set(index, out.partials);
        addChunk(counts, out, bytes);
        progress({ kind: 'pass', pass: fitIndex + 1, passes: plan.fitPasses.length, label: `fit ${names} (${executor.where})`, rows: counts.rowsRead, bytes: counts.bytesRead, totalBytes: source.byteLength });
      }
    } finally {
      executor.close();
    }
    pass.stageIndices.forEach((stageIndex, k) => {
      const planned = plan.stages[stageIndex]!;
      const accumulator = (planned.stage as StatefulStage).createAccumulator(planned.input!);
      for (let i = 0; i < partials.size; i++) accumulator.merge(partials.get(i)![k]);
      states.set(stageIndex, accumulator.finalize());
    });
    if (fitIndex === 0) firstCounts = counts;
  }
  return { states, counts: firstCounts };
}
