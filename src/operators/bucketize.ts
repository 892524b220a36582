import { planError } from '../errors.js';
import type { Data, RecordBatch } from 'apache-arrow';
import { float64Column, float64Like, withColumns } from './columnKernels.js';
import { statelessOperator, statefulOperator } from './flowOperator.js';
import { quantileAccumulator } from './quantileAccumulator.js';
import { requireNumeric } from './schemaChecks.js';
import { withFloat64Fields } from './columnKernels.js';
import type { FlowOperator, StatefulStage, StatelessStage } from './stage.js';

export type BucketizeOptions =
  | { readonly column: string; readonly boundaries: readonly number[] }
  | { readonly column: string; readonly quantiles: number };

/** The kernel: the bucket index of each value, the number of boundaries at or below it (0..n); nulls stay null. */
export function bucketizeBatch(batch: RecordBatch, column: string, boundaries: readonly number[]): RecordBatch {
  const { values, data } = float64Column(batch, column);
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) {
    let lo = 0;
    let hi = boundaries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (boundaries[mid]! <= values[i]!) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return withColumns(batch, new Map<string, Data>([[column, float64Like(out, data)]]));
}

/**
 * Replaces a numeric column by its bucket index: with fixed, sorted `boundaries`, or with
 * `quantiles: n` equal-frequency buckets whose boundaries come from the quantile sketch.
 *
 * @example
 * bucketize({ column: 'age', boundaries: [18, 30, 50, 65] })   // 0..4
 * bucketize({ column: 'income', quantiles: 10 })              // deciles, 0..9
 */
export function bucketize(options: BucketizeOptions): FlowOperator {
  const { column } = options;
  if ('boundaries' in options) {
    const sorted = options.boundaries.every((b, i) => i === 0 || options.boundaries[i - 1]! < b);
    if (!sorted) throw planError('BAD_OPTION', `bucketize(${column}): boundaries must be strictly increasing`);
    return statelessOperator(boundStage(column, options.boundaries, `bucketize(${column}; ${options.boundaries.join(', ')})`));
  }
  if (!Number.isInteger(options.quantiles) || options.quantiles < 2) throw planError('BAD_OPTION', `bucketize(${column}): quantiles must be an integer ≥ 2`);
  const description = `bucketize(${column}; ${options.quantiles} quantiles)`;
  const qs = Array.from({ length: options.quantiles - 1 }, (_, i) => (i + 1) / options.quantiles);
  const stage: StatefulStage<readonly number[], unknown> = {
    type: 'stateful',
    name: 'bucketize',
    description,
    fitColumns: [column],
    modifies: { columns: [column], rows: false },
    outputSchema(input) {
      requireNumeric(input, [column], 'bucketize');
      return withFloat64Fields(input, [column]);
    },
    inputColumns: (needed) => new Set([...needed, column]),
    createAccumulator() {
      const quantiles = quantileAccumulator('bucketize', [column], qs);
      return {
        update: quantiles.update,
        partial: quantiles.partial,
        merge: (other) => quantiles.merge(other as ReturnType<typeof quantiles.partial>),
        // Repeated quantiles (many equal values) collapse into one boundary.
        finalize: () => [...new Set(quantiles.finalize()[column]!)],
      };
    },
    bind: (boundaries) => boundStage(column, boundaries, `${description} [fitted]`),
    stateToJSON: (boundaries) => ({ boundaries }),
    stateFromJSON(json) {
      const boundaries = (json as { boundaries?: unknown }).boundaries;
      if (!Array.isArray(boundaries) || !boundaries.every((b) => typeof b === 'number')) throw planError('BAD_FITTED_STATE', `${description}: fitted JSON lacks its boundaries`);
      return boundaries;
    },
  };
  return statefulOperator(stage);
}

function boundStage(column: string, boundaries: readonly number[], description: string): StatelessStage {
  return {
    type: 'stateless',
    name: 'bucketize',
    description,
    outputSchema(input) {
      requireNumeric(input, [column], 'bucketize');
      return withFloat64Fields(input, [column]);
    },
    inputColumns: (needed) => new Set([...needed, column]),
    apply: (batch) => bucketizeBatch(batch, column, boundaries),
  };
}
