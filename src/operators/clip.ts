import type { Data, RecordBatch } from 'apache-arrow';
import { float64Column, float64Like, withColumns } from './columnKernels.js';
import { statefulOperator, type StatefulOperator } from './flowOperator.js';
import { boundsStage, type Bounds, type BoundsOptions } from './valueBounds.js';

/** The kernel: each value clamped to its column's [low, high]; nulls stay null. */
export function clipBatch(batch: RecordBatch, bounds: Bounds): RecordBatch {
  const replaced = new Map<string, Data>();
  for (const [name, { low, high }] of Object.entries(bounds)) {
    const { values, data } = float64Column(batch, name);
    const out = new Float64Array(values.length);
    for (let i = 0; i < out.length; i++) out[i] = Math.min(Math.max(values[i]!, low), high);
    replaced.set(name, float64Like(out, data));
  }
  return withColumns(batch, replaced);
}

/**
 * Clips outliers (winsorizes) to bounds fitted over the whole input: quantiles from a
 * mergeable sketch (`{ lower: 0.01, upper: 0.99 }`) or mean ± z standard deviations (`{ z: 3 }`).
 *
 * @example
 * pipeline(source).pipe(clip({ columns: ['income'], lower: 0.01, upper: 0.99 }))
 */
export function clip(options: BoundsOptions): StatefulOperator<Bounds> {
  return statefulOperator(boundsStage('clip', options, clipBatch, false));
}
