import type { RecordBatch } from 'apache-arrow';
import { firstValueFrom, of, toArray, type OperatorFunction } from 'rxjs';
import { internalError } from '../errors.js';
import type { StatefulStage } from '../operators/stage.js';
import type { FittedStates } from '../plan/fittedState.js';
import type { PlannedStage } from '../plan/plan.js';

/** An executable step: a pure kernel, or a user RxJS operator applied batch by batch. */
export type Step =
  | { readonly kind: 'kernel'; readonly description: string; readonly apply: (batch: RecordBatch) => RecordBatch }
  | { readonly kind: 'rx'; readonly description: string; readonly operator: OperatorFunction<RecordBatch, RecordBatch> }
  | { readonly kind: 'tap'; readonly description: string; readonly stageIndex: number };

/**
 * Compiles planned stages into steps: stateful stages are bound to their fitted state (or,
 * when listed in `taps`, become pass-through points that feed an accumulator), and
 * stateless stages are pruned to produce only the columns needed after them.
 */
export function compileSteps(
  stages: readonly PlannedStage[],
  states: FittedStates,
  neededAfter: readonly (ReadonlySet<string> | undefined)[],
  taps: ReadonlySet<number> = new Set(),
  skipped: ReadonlySet<number> = new Set(),
): Step[] {
  return stages.map(({ stage, index }, i) => {
    if (taps.has(index)) return { kind: 'tap', description: `${stage.description} (fitting)`, stageIndex: index };
    if (skipped.has(index)) return { kind: 'kernel', description: `${stage.description} (fitted later)`, apply: (b: RecordBatch) => b };
    switch (stage.type) {
      case 'stateless': {
        const needed = neededAfter[i];
        const pruned = stage.prune && needed ? stage.prune(needed) : stage;
        return { kind: 'kernel', description: pruned.description, apply: (b: RecordBatch) => pruned.apply(b) };
      }
      case 'stateful': {
        if (!states.has(index)) throw internalError(`stage ${index} (${stage.description}) used before it was fitted`);
        const bound = (stage as StatefulStage).bind(states.get(index));
        return { kind: 'kernel', description: bound.description, apply: (b: RecordBatch) => bound.apply(b) };
      }
      case 'opaque':
        return { kind: 'rx', description: stage.description, operator: stage.operator };
      default: {
        const never: never = stage;
        throw internalError(`unknown stage ${String(never)}`);
      }
    }
  });
}

/**
 * Runs one batch through the steps. User operators may emit zero or several batches.
 * `dropped[i]` (when given) accumulates the rows step i removed (negative if it added rows).
 */
export async function applySteps(
  steps: readonly Step[],
  batch: RecordBatch,
  dropped?: number[],
  onTap?: (stageIndex: number, batch: RecordBatch) => void,
): Promise<RecordBatch[]> {
  let batches = [batch];
  for (const [i, step] of steps.entries()) {
    const before = countRows(batches);
    if (step.kind === 'kernel') {
      batches = batches.map(step.apply);
    } else if (step.kind === 'tap') {
      for (const b of batches) onTap?.(step.stageIndex, b);
    } else {
      const next: RecordBatch[] = [];
      for (const b of batches) next.push(...(await firstValueFrom(of(b).pipe(step.operator, toArray()))));
      batches = next;
    }
    if (dropped) dropped[i] = (dropped[i] ?? 0) + before - countRows(batches);
  }
  return batches;
}

export function countRows(batches: readonly RecordBatch[]): number {
  return batches.reduce((n, b) => n + b.numRows, 0);
}
