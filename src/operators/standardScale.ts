import { float64Column, float64Like, welfordUpdateColumns, withColumns, type Float64Column } from './columnKernels.js';
import type { Data, RecordBatch } from 'apache-arrow';
import { inputError, planError } from '../errors.js';
import { readColumnNumbers } from './columnStateJSON.js';
import { statefulOperator, type StatefulOperator } from './flowOperator.js';
import { fittedInPlace, fittedOverColumns } from './columnwise.js';
import type { Accumulator, StatefulStage, StatelessStage } from './stage.js';
import { emptyWelford, populationVariance, welfordMerge, type WelfordState } from './welford.js';

/** Fitted parameters of one column; `scale` is the population standard deviation, or 1 when it is zero. */
export interface ColumnScaling {
  readonly count: number;
  readonly mean: number;
  readonly variance: number;
  readonly scale: number;
}

export type StandardScaleState = Readonly<Record<string, ColumnScaling>>;

/** The kernel: `(x - mean) / scale` for each fitted column; nulls stay null, other columns pass through. */
export function standardScaleBatch(batch: RecordBatch, state: StandardScaleState): RecordBatch {
  const replaced = new Map<string, Data>();
  for (const field of batch.schema.fields) {
    const params = state[field.name];
    if (params) replaced.set(field.name, scaleColumn(float64Column(batch, field.name), params));
  }
  return withColumns(batch, replaced);
}

function scaleColumn({ values, data }: Float64Column, { mean, scale }: ColumnScaling): Data {
  const out = new Float64Array(data.length);
  const inverse = 1 / scale;
  for (let i = 0; i < out.length; i++) out[i] = (values[i]! - mean) * inverse;
  return float64Like(out, data);
}

/** Turns accumulated moments into scaling parameters (zero variance gets scale 1). */
export function scalingFrom(state: WelfordState, columns: readonly string[]): StandardScaleState {
  const result: Record<string, ColumnScaling> = {};
  columns.forEach((name, c) => {
    if (state.count[c] === 0) {
      throw inputError('NO_VALUES', `standardScale: column has no non-null value to fit (every row was null or dropped before this step)`, { column: name });
    }
    result[name] = scaling(state.count[c]!, state.mean[c]!, populationVariance(state, c));
  });
  return result;
}

/** A standard deviation below rounding noise of the mean counts as zero, as in scikit-learn. */
function scaling(count: number, mean: number, variance: number): ColumnScaling {
  const std = Math.sqrt(variance);
  const zero = !(std > 10 * Number.EPSILON * Math.max(1, Math.abs(mean)));
  return { count, mean, variance, scale: zero ? 1 : std };
}

/**
 * Standardizes numeric columns to zero mean and unit (population) variance.
 * Mean and variance are fitted over the whole input in pass 1 (nulls ignored);
 * a zero-variance column is only centred (scale 1), as in scikit-learn.
 *
 * @example
 * pipeline(csv('train.csv')).pipe(dropNulls(), standardScale(['age', 'income']))
 */
export function standardScale(columns: readonly string[]): StatefulOperator<StandardScaleState> {
  return statefulOperator(standardScaleStage(columns));
}

function standardScaleStage(columns: readonly string[]): StatefulStage<StandardScaleState, WelfordState> {
  const description = `standardScale(${columns.join(', ')})`;
  return {
    ...fittedOverColumns('standardScale', description, columns),
    createAccumulator(): Accumulator<WelfordState, StandardScaleState> {
      const state = emptyWelford(columns.length);
      return {
        update: (batch) => welfordUpdateColumns(state, batch, columns),
        partial: () => state,
        merge: (other) => welfordMerge(state, other),
        finalize: () => scalingFrom(state, columns),
      };
    },
    bind(state): StatelessStage {
      for (const name of columns) {
        if (!state[name]) throw planError('BAD_FITTED_STATE', `${description}: fitted state has no entry for "${name}"`);
      }
      return fittedInPlace('standardScale', description, columns, (batch) => standardScaleBatch(batch, state));
    },
    stateToJSON(state) {
      return {
        columns: Object.fromEntries(
          columns.map((name) => {
            const { count, mean, variance } = state[name]!;
            return [name, { count, mean, variance }];
          }),
        ),
      };
    },
    stateFromJSON(json) {
      const entries = readColumnNumbers(json, columns, ['count', 'mean', 'variance'], description);
      return Object.fromEntries(Object.entries(entries).map(([name, e]) => [name, scaling(e.count, e.mean, e.variance)]));
    },
  };
}
