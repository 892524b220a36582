import type { RecordBatch } from 'apache-arrow';
import type { OperatorFunction } from 'rxjs';
import type { FlowOperator } from './stage.js';

/**
 * Marks a user operator that must run on the main thread, for example one that closes
 * over a counter or a connection created in the pipeline file. Passes that include it
 * run inline instead of in worker threads.
 *
 * @example
 * let seen = 0;
 * pipeline(source).pipe(onMainThread(tap((b) => (seen += b.numRows))))
 */
export function onMainThread(operator: OperatorFunction<RecordBatch, RecordBatch>): FlowOperator {
  const name = operator.name || 'userOperator';
  const wrapped = (source: Parameters<typeof operator>[0]) => operator(source);
  return Object.assign(wrapped, {
    stage: { type: 'opaque' as const, name, description: `${name} (user RxJS operator, main thread)`, operator, mainThreadOnly: true },
  });
}
