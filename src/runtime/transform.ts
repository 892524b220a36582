import type { FittedStates } from '../plan/fittedState.js';
import type { Plan } from '../plan/plan.js';
import { boundedMap } from './boundedMap.js';
import type { ChunkOutput, ChunkPass } from './chunkJob.js';
import { executorFor, INLINE, type Runtime } from './executor.js';
import { addChunk, type RowCounts } from './progress.js';
import { chunkByteLength, type ChunkRef, type OpenSource } from './source.js';

export interface TransformOptions {
  readonly pass: Extract<ChunkPass, { kind: 'batches' | 'rows' | 'predict' }>;
  readonly runtime?: Runtime;
  /** Read chunks at these extents in this order; otherwise in file order. */
  readonly order?: readonly ChunkRef[];
  /** Receives the extents of chunks read in file order. */
  readonly record?: ChunkRef[];
  readonly counts: RowCounts;
  readonly signal?: AbortSignal;
}

/**
 * Pass 2: the whole chain with fitted state, chunk by chunk, in input order whatever the
 * number of workers. Pull-based and bounded: at most the executor's concurrency of chunks
 * is in flight, and none is read while the consumer is not asking for output.
 */
export async function* transformChunks(plan: Plan, source: OpenSource, states: FittedStates, options: TransformOptions): AsyncGenerator<ChunkOutput> {
  const executor = executorFor(options.runtime ?? INLINE, plan, source, states, plan.stages.length);
  const chunks = source.chunks({
    ...(options.order ? { order: options.order } : {}),
    ...(options.record ? { record: options.record } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const results = boundedMap(
    chunks,
    async (chunk) => {
      const bytes = chunkByteLength(chunk);
      return { bytes, out: await executor.run(options.pass, chunk, options.signal) };
    },
    { concurrency: executor.concurrency, ordered: true },
  );
  try {
    for await (const { bytes, out } of results) {
      addChunk(options.counts, out, bytes);
      yield out;
    }
  } finally {
    executor.close();
  }
}
