import { finiteOrNull, readColumnNumbers } from './columnStateJSON.js';
import { welfordUpdateColumns } from './columnKernels.js';
import type { RecordBatch } from 'apache-arrow';
import { inputError, planError } from '../errors.js';
import { quantileAccumulator } from './quantileAccumulator.js';
import { fittedInPlace, fittedOverColumns } from './columnwise.js';
import type { Accumulator, StatefulStage } from './stage.js';
import { emptyWelford, populationVariance, welfordMerge } from './welford.js';

/** Bounds per column, fitted from quantiles (`lower`/`upper` in [0, 1]) or from mean ± z·std. */
export type BoundsOptions =
  | { readonly columns: readonly string[]; readonly lower?: number; readonly upper?: number }
  | { readonly columns: readonly string[]; readonly z: number };

export type Bounds = Readonly<Record<string, { readonly low: number; readonly high: number }>>;

function describeBounds(options: BoundsOptions): string {
  if ('z' in options) return `z = ${options.z}`;
  return `quantiles ${options.lower ?? 0}..${options.upper ?? 1}`;
}

/**
 * A stateful stage whose fitted state is per-column [low, high] bounds, applied by `kernel`.
 * Shared by clip and dropOutliers.
 */
export function boundsStage(
  name: string,
  options: BoundsOptions,
  kernel: (batch: RecordBatch, bounds: Bounds) => RecordBatch,
  dropsRows: boolean,
): StatefulStage<Bounds, unknown> {
  const { columns } = options;
  const description = `${name}(${columns.join(', ')}; ${describeBounds(options)})`;
  if ('z' in options ? !(options.z > 0) : !((options.lower ?? 0) >= 0 && (options.upper ?? 1) <= 1 && (options.lower ?? 0) < (options.upper ?? 1))) {
    throw planError('BAD_OPTION', `${description}: give z > 0, or quantiles with 0 ≤ lower < upper ≤ 1`);
  }
  return {
    ...fittedOverColumns(name, description, columns, dropsRows ? 'drops rows' : 'rewrites columns'),
    createAccumulator(): Accumulator<unknown, Bounds> {
      if ('z' in options) {
        const moments = emptyWelford(columns.length);
        return {
          update: (batch) => welfordUpdateColumns(moments, batch, columns),
          partial: () => moments,
          merge: (other) => welfordMerge(moments, other as typeof moments),
          finalize: () =>
            Object.fromEntries(
              columns.map((column, c) => {
                if (moments.count[c] === 0) throw inputError('NO_VALUES', `${name}: column has no non-null value to fit`, { column });
                const spread = options.z * Math.sqrt(populationVariance(moments, c));
                return [column, { low: moments.mean[c]! - spread, high: moments.mean[c]! + spread }];
              }),
            ),
        };
      }
      const lower = options.lower ?? 0;
      const upper = options.upper ?? 1;
      const quantiles = quantileAccumulator(name, columns, [lower, upper]);
      return {
        update: quantiles.update,
        partial: quantiles.partial,
        merge: (other) => quantiles.merge(other as ReturnType<typeof quantiles.partial>),
        finalize: () =>
          Object.fromEntries(
            Object.entries(quantiles.finalize()).map(([column, [low, high]]) => [
              column,
              { low: options.lower === undefined ? -Infinity : low!, high: options.upper === undefined ? Infinity : high! },
            ]),
          ),
      };
    },
    bind: (bounds) => fittedInPlace(name, description, columns, (batch) => kernel(batch, bounds), dropsRows ? 'unchanged' : 'float64'),
    stateToJSON: (bounds) => ({ columns: Object.fromEntries(Object.entries(bounds).map(([c, b]) => [c, { low: finiteOrNull(b.low), high: finiteOrNull(b.high) }])) }),
    stateFromJSON(json) {
      return readColumnNumbers(json, columns, ['low', 'high'], description, { low: -Infinity, high: Infinity });
    },
  };
}

