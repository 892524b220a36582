import { inputError } from '../errors.js';
import { float64Column, validityOf } from './columnKernels.js';
import { emptySketch, sketchMerge, sketchQuantiles, sketchUpdate, type QuantileSketch } from './quantileSketch.js';
import type { Accumulator } from './stage.js';

/** Fits the quantiles `qs` of each column with one mergeable sketch per column (nulls skipped). */
export function quantileAccumulator(operator: string, columns: readonly string[], qs: readonly number[]): Accumulator<QuantileSketch[], Record<string, number[]>> {
  const sketches = columns.map(() => emptySketch());
  return {
    update(batch) {
      columns.forEach((name, c) => {
        const { values, data } = float64Column(batch, name);
        sketchUpdate(sketches[c]!, values, validityOf(data));
      });
    },
    partial: () => sketches,
    merge: (other) => other.forEach((sketch, c) => sketchMerge(sketches[c]!, sketch)),
    finalize: () =>
      Object.fromEntries(
        columns.map((name, c) => {
          if (sketches[c]!.count === 0) throw inputError('NO_VALUES', `${operator}: column has no non-null value to fit`, { column: name });
          return [name, sketchQuantiles(sketches[c]!, qs)];
        }),
      ),
  };
}
