import type { Float64, Data, RecordBatch } from 'apache-arrow';
import { inputError, planError } from '../errors.js';
import { float64Column, float64Like, withColumns } from './columnKernels.js';
import { readColumnNumbers } from './columnStateJSON.js';
import { statefulOperator, type StatefulOperator } from './flowOperator.js';
import { fittedInPlace, fittedOverColumns } from './columnwise.js';
import type { Accumulator, StatefulStage } from './stage.js';

export type MinMaxState = Readonly<Record<string, { readonly min: number; readonly max: number }>>;

/** Per-column running minimum and maximum; merging is exact and order-free. */
interface MinMaxPartial {
  readonly min: Float64Array;
  readonly max: Float64Array;
}

/** The kernel: `(x - min) / (max - min)`; a constant column becomes 0; nulls stay null. */
export function minMaxScaleBatch(batch: RecordBatch, state: MinMaxState): RecordBatch {
  const replaced = new Map<string, Data>();
  for (const [name, { min, max }] of Object.entries(state)) {
    const { values, data } = float64Column(batch, name);
    const range = max - min;
    const out = new Float64Array(values.length);
    if (range > 0) for (let i = 0; i < out.length; i++) out[i] = (values[i]! - min) / range;
    replaced.set(name, float64Like(out, data));
  }
  return withColumns(batch, replaced);
}

/**
 * Rescales numeric columns to [0, 1] with the minimum and maximum fitted over the whole
 * input in a fit pass (nulls ignored). A constant column becomes 0, as in scikit-learn.
 *
 * @example
 * pipeline(source).pipe(dropNulls(['age']), minMaxScale(['age']))
 */
export function minMaxScale(columns: readonly string[]): StatefulOperator<MinMaxState> {
  return statefulOperator(minMaxStage(columns));
}

function minMaxStage(columns: readonly string[]): StatefulStage<MinMaxState, MinMaxPartial> {
  const description = `minMaxScale(${columns.join(', ')})`;
  return {
    ...fittedOverColumns('minMaxScale', description, columns),
    createAccumulator(): Accumulator<MinMaxPartial, MinMaxState> {
      const min = new Float64Array(columns.length).fill(Infinity);
      const max = new Float64Array(columns.length).fill(-Infinity);
      return {
        update(batch) {
          columns.forEach((name, c) => {
            const { values, data } = float64Column(batch, name);
            const bitmap = data.nullCount > 0 ? (data as Data<Float64>).nullBitmap : undefined;
            let lo = min[c]!;
            let hi = max[c]!;
            for (let i = 0; i < values.length; i++) {
              if (bitmap && ((bitmap[(data.offset + i) >> 3]! >> ((data.offset + i) & 7)) & 1) === 0) continue;
              const v = values[i]!;
              if (v < lo) lo = v;
              if (v > hi) hi = v;
            }
            min[c] = lo;
            max[c] = hi;
          });
        },
        partial: () => ({ min, max }),
        merge(other) {
          columns.forEach((_, c) => {
            min[c] = Math.min(min[c]!, other.min[c]!);
            max[c] = Math.max(max[c]!, other.max[c]!);
          });
        },
        finalize() {
          return Object.fromEntries(
            columns.map((name, c) => {
              if (min[c] === Infinity) throw inputError('NO_VALUES', 'minMaxScale: column has no non-null value to fit', { column: name });
              return [name, { min: min[c]!, max: max[c]! }];
            }),
          );
        },
      };
    },
    bind(state) {
      for (const name of columns) if (!state[name]) throw planError('BAD_FITTED_STATE', `${description}: fitted state has no entry for "${name}"`);
      return fittedInPlace('minMaxScale', description, columns, (batch) => minMaxScaleBatch(batch, state));
    },
    stateToJSON: (state) => ({ columns: state }),
    stateFromJSON: (json) => readColumnNumbers(json, columns, ['min', 'max'], description),
  };
}
