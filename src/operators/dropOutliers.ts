import type { RecordBatch } from 'apache-arrow';
import { float64Column } from './columnKernels.js';
import { statefulOperator, type StatefulOperator } from './flowOperator.js';
import { takeRows } from './takeRows.js';
import { boundsStage, type Bounds, type BoundsOptions } from './valueBounds.js';

/** The kernel: drops rows where any bounded column is outside [low, high] (nulls are kept). */
export function dropOutliersBatch(batch: RecordBatch, bounds: Bounds): RecordBatch {
  const keep = new Int32Array(batch.numRows);
  const columns = Object.entries(bounds).map(([name, b]) => ({ ...float64Column(batch, name), ...b }));
  let kept = 0;
  rows: for (let r = 0; r < batch.numRows; r++) {
    for (const { values, data, low, high } of columns) {
      const bit = data.offset + r;
      const valid = data.nullCount === 0 || !data.nullBitmap || ((data.nullBitmap[bit >> 3]! >> (bit & 7)) & 1) === 1;
      if (valid && !(values[r]! >= low && values[r]! <= high)) continue rows;
    }
    keep[kept++] = r;
  }
  return kept === batch.numRows ? batch : takeRows(batch, keep.subarray(0, kept));
}

/**
 * Drops rows with a value outside bounds fitted over the whole input: quantiles
 * (`{ lower: 0.001, upper: 0.999 }`) or mean ± z standard deviations (`{ z: 4 }`).
 *
 * @example
 * pipeline(source).pipe(dropOutliers({ columns: ['f0', 'f1'], z: 4 }))
 */
export function dropOutliers(options: BoundsOptions): StatefulOperator<Bounds> {
  return statefulOperator(boundsStage('dropOutliers', options, dropOutliersBatch, true));
}
