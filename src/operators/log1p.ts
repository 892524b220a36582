import type { RecordBatch } from 'apache-arrow';
import { float64Column, float64Like, withColumns } from './columnKernels.js';
import { statelessOperator } from './flowOperator.js';
import { numericInPlace } from './columnwise.js';
import type { FlowOperator } from './stage.js';

/** The kernel: `Math.log1p(x)` for each named column; nulls stay null. */
export function log1pBatch(batch: RecordBatch, columns: readonly string[]): RecordBatch {
  const replaced = new Map(
    columns.map((name) => {
      const { values, data } = float64Column(batch, name);
      const out = new Float64Array(values.length);
      for (let i = 0; i < out.length; i++) out[i] = Math.log1p(values[i]!);
      return [name, float64Like(out, data)] as const;
    }),
  );
  return withColumns(batch, replaced);
}

/**
 * Replaces each of `columns` by `log(1 + x)`, for skewed positive features such as counts
 * and amounts. Values below -1 become NaN, as `Math.log1p` gives.
 *
 * @example
 * pipeline(source).pipe(log1p(['income', 'visits']))
 */
export function log1p(columns: readonly string[]): FlowOperator {
  return statelessOperator({
    type: 'stateless',
    name: 'log1p',
    description: `log1p(${columns.join(', ')})`,
    ...numericInPlace('log1p', columns),
    apply: (batch) => log1pBatch(batch, columns),
  });
}
