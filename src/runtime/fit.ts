import type { ChunkExtent } from '../io/csv/recordSplitter.js';
import type { Accumulator, StatefulStage } from '../operators/stage.js';
import type { FittedStates } from '../plan/fittedState.js';
import type { Plan } from '../plan/plan.js';
import { applySteps, compileSteps } from './chain.js';
import { emptyCounts, ignoreProgress, type ProgressSink, type RowCounts } from './progress.js';
import type { OpenSource } from './source.js';

export interface FitOptions {
  readonly signal?: AbortSignal;
  readonly progress?: ProgressSink;
  /** Receives the extent of every chunk read by the first pass (for shuffled epochs later). */
  readonly extents?: ChunkExtent[];
}

export interface FitResult {
  readonly states: FittedStates;
  /** Counts from the first fit pass. */
  readonly counts: RowCounts;
}

/**
 * Pass 1: fits every stateful stage in dependency order, one pass each. A pass reads only
 * the source columns it needs, runs the stages before the fitted one (earlier stateful
 * stages with their fitted state), and folds the result into the stage's accumulator.
 */
export async function fitPipeline(plan: Plan, source: OpenSource, options: FitOptions = {}): Promise<FitResult> {
  const states = new Map<number, unknown>();
  const progress = options.progress ?? ignoreProgress;
  let firstCounts = emptyCounts();
  for (const [passIndex, pass] of plan.fitPasses.entries()) {
    const planned = plan.stages[pass.stageIndex]!;
    const stage = planned.stage as StatefulStage;
    const steps = compileSteps(plan.stages.slice(0, pass.stageIndex), states, pass.neededAfter);
    const projection = source.projection(pass.sourceColumns);
    const accumulator: Accumulator = stage.createAccumulator(planned.input!);
    const counts = emptyCounts();
    const record = passIndex === 0 ? options.extents : undefined;
    for await (const chunk of source.chunks({ ...(record ? { record } : {}), ...(options.signal ? { signal: options.signal } : {}) })) {
      const parsed = source.parse(chunk, projection);
      counts.rowsRead += parsed.batch.numRows;
      counts.bytesRead += chunk.bytes.length;
      for (const batch of await applySteps(steps, parsed.batch)) {
        counts.rowsKept += batch.numRows;
        accumulator.update(batch);
      }
      progress({ kind: 'pass', pass: passIndex + 1, passes: plan.fitPasses.length, label: `fit ${stage.name}`, rows: counts.rowsRead, bytes: counts.bytesRead, totalBytes: source.byteLength });
    }
    states.set(pass.stageIndex, accumulator.finalize());
    if (passIndex === 0) firstCounts = counts;
  }
  return { states, counts: firstCounts };
}
