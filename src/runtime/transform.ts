import type { RecordBatch } from 'apache-arrow';
import type { ChunkExtent } from '../io/csv/recordSplitter.js';
import { takeRows } from '../operators/takeRows.js';
import type { FittedStates } from '../plan/fittedState.js';
import type { Plan } from '../plan/plan.js';
import { applySteps, compileSteps } from './chain.js';
import type { RowCounts } from './progress.js';
import type { OpenSource } from './source.js';

/** Decides, from a row's physical line number, whether the row is held out. */
export type HoldoutRule = (line: number) => boolean;

/** Output of one chunk through the whole chain, split into training and held-out rows when asked. */
export interface TransformedChunk {
  readonly train: RecordBatch[];
  readonly holdout: RecordBatch[];
}

export interface TransformOptions {
  readonly order?: readonly ChunkExtent[];
  readonly record?: ChunkExtent[];
  readonly holdout?: HoldoutRule;
  readonly counts: RowCounts;
  readonly signal?: AbortSignal;
  readonly onChunk?: () => void;
}

/**
 * Pass 2: the whole chain with fitted state, chunk by chunk. Pull-based: the next chunk
 * is read only when the consumer asks for it, so a slow consumer slows the reader.
 * Held-out rows are split off at the source, before any operator, so the split
 * does not depend on what the operators drop.
 */
export async function* transformChunks(plan: Plan, source: OpenSource, states: FittedStates, options: TransformOptions): AsyncGenerator<TransformedChunk> {
  const steps = compileSteps(plan.stages, states, plan.outputPass.neededAfter);
  const projection = source.projection(plan.outputPass.sourceColumns);
  const { counts } = options;
  const chunkOptions = {
    ...(options.order ? { order: options.order } : {}),
    ...(options.record ? { record: options.record } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  for await (const chunk of source.chunks(chunkOptions)) {
    const parsed = source.parse(chunk, projection);
    counts.rowsRead += parsed.batch.numRows;
    counts.bytesRead += chunk.bytes.length;
    const parts = options.holdout ? splitRows(parsed.batch, parsed.lines, options.holdout) : { train: parsed.batch, holdout: undefined };
    const train = await applySteps(steps, parts.train);
    const holdout = parts.holdout ? await applySteps(steps, parts.holdout) : [];
    for (const b of train) counts.rowsKept += b.numRows;
    for (const b of holdout) counts.rowsKept += b.numRows;
    options.onChunk?.();
    yield { train, holdout };
  }
}

function splitRows(batch: RecordBatch, lines: Int32Array, isHeldOut: HoldoutRule): { train: RecordBatch; holdout: RecordBatch } {
  const train = new Int32Array(batch.numRows);
  const holdout = new Int32Array(batch.numRows);
  let t = 0;
  let h = 0;
  for (let r = 0; r < batch.numRows; r++) {
    if (isHeldOut(lines[r]!)) holdout[h++] = r;
    else train[t++] = r;
  }
  return { train: takeRows(batch, train.subarray(0, t)), holdout: takeRows(batch, holdout.subarray(0, h)) };
}
