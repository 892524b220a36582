import { welfordUpdateColumns } from './columnKernels.js';
import type { Data, RecordBatch } from 'apache-arrow';
import { inputError, planError } from '../errors.js';
import { float64Data } from '../io/arrow/columns.js';
import { float64Column, withColumns } from './columnKernels.js';
import { statefulOperator, statelessOperator } from './flowOperator.js';
import { fittedInPlace, fittedOverColumns, numericInPlace } from './columnwise.js';
import type { Accumulator, FlowOperator, StatefulStage } from './stage.js';
import { quantileAccumulator } from './quantileAccumulator.js';
import type { QuantileSketch } from './quantileSketch.js';
import { emptyWelford, welfordMerge, type WelfordState } from './welford.js';

/** Fill values by column. */
export type FillValues = Readonly<Record<string, number>>;

export type FillNullsOptions =
  | { readonly columns: readonly string[]; readonly strategy: 'constant'; readonly value: number }
  | { readonly columns: readonly string[]; readonly strategy: 'mean' | 'median' | 'mostFrequent' };

/** The kernel: each null of a named column becomes its fill value; the columns lose their nulls. */
export function fillNullsBatch(batch: RecordBatch, fills: FillValues): RecordBatch {
  const replaced = new Map<string, Data>();
  for (const [name, fill] of Object.entries(fills)) {
    const { values, data } = float64Column(batch, name);
    if (data.nullCount === 0) continue;
    const out = Float64Array.from(values);
    const bitmap = data.nullBitmap!;
    for (let r = 0; r < out.length; r++) {
      const bit = data.offset + r;
      if (((bitmap[bit >> 3]! >> (bit & 7)) & 1) === 0) out[r] = fill;
    }
    replaced.set(name, float64Data(out));
  }
  return replaced.size === 0 ? batch : withColumns(batch, replaced);
}

/**
 * Imputes nulls in numeric columns: with a constant, or with each column's mean (a mergeable
 * Welford mean), median (a mergeable quantile sketch, rank error about 0.4%) or most
 * frequent value (mergeable counts; memory grows with the number of distinct values, so use
 * it on low-cardinality columns) fitted over the whole input in a fit pass.
 * A later stateful step (say standardScale) is fitted on the imputed values.
 *
 * @example
 * pipeline(source).pipe(fillNulls({ columns: ['age'], strategy: 'mean' }), standardScale(['age']))
 */
export function fillNulls(options: FillNullsOptions): FlowOperator {
  const { columns } = options;
  if (options.strategy === 'constant') {
    const fills = Object.fromEntries(columns.map((c) => [c, options.value]));
    return statelessOperator({
      type: 'stateless',
      name: 'fillNulls',
      description: `fillNulls(${columns.join(', ')} = ${options.value})`,
      ...numericInPlace('fillNulls', columns),
      apply: (batch) => fillNullsBatch(batch, fills),
    });
  }
  return statefulOperator(fittedFillStage(columns, options.strategy));
}

function fittedFillStage(columns: readonly string[], strategy: 'mean' | 'median' | 'mostFrequent'): StatefulStage<FillValues, unknown> {
  const description = `fillNulls(${columns.join(', ')} = ${strategy})`;
  return {
    ...fittedOverColumns('fillNulls', description, columns),
    createAccumulator(): Accumulator<unknown, FillValues> {
      if (strategy === 'mostFrequent') return modeAccumulator(columns);
      if (strategy === 'median') {
        const quantiles = quantileAccumulator('fillNulls', columns, [0.5]);
        return {
          update: quantiles.update,
          partial: quantiles.partial,
          merge: (other) => quantiles.merge(other as QuantileSketch[]),
          finalize: () => Object.fromEntries(Object.entries(quantiles.finalize()).map(([name, [median]]) => [name, median!])),
        };
      }
      const state = emptyWelford(columns.length);
      return {
        update: (batch) => welfordUpdateColumns(state, batch, columns),
        partial: () => state,
        merge: (other) => welfordMerge(state, other as WelfordState),
        finalize: () =>
          Object.fromEntries(
            columns.map((name, c) => {
              if (state.count[c] === 0) throw inputError('NO_VALUES', 'fillNulls: column has no non-null value to take the mean of', { column: name });
              return [name, state.mean[c]!];
            }),
          ),
      };
    },
    bind: (fills) => fittedInPlace('fillNulls', description, columns, (batch) => fillNullsBatch(batch, fills)),
    stateToJSON: (fills) => ({ fill: fills }),
    stateFromJSON(json) {
      const fill = (json as { fill?: Record<string, unknown> }).fill ?? {};
      return Object.fromEntries(
        columns.map((name) => {
          if (typeof fill[name] !== 'number') throw planError('BAD_FITTED_STATE', `${description}: fitted JSON lacks the fill value of "${name}"`);
          return [name, fill[name]];
        }),
      );
    },
  };
}

/** Counts each value per column (mergeable); the mode wins, ties going to the smallest value. */
function modeAccumulator(columns: readonly string[]): Accumulator<unknown, FillValues> {
  const counts = columns.map(() => new Map<number, number>());
  return {
    update(batch) {
      columns.forEach((name, c) => {
        const { values, data } = float64Column(batch, name);
        const map = counts[c]!;
        for (let r = 0; r < values.length; r++) {
          const bit = data.offset + r;
          if (data.nullCount > 0 && data.nullBitmap && ((data.nullBitmap[bit >> 3]! >> (bit & 7)) & 1) === 0) continue;
          map.set(values[r]!, (map.get(values[r]!) ?? 0) + 1);
        }
      });
    },
    partial: () => counts.map((map) => [[...map.keys()], [...map.values()]]),
    merge(other) {
      (other as [number[], number[]][]).forEach(([keys, values], c) => keys.forEach((k, i) => counts[c]!.set(k, (counts[c]!.get(k) ?? 0) + values[i]!)));
    },
    finalize: () =>
      Object.fromEntries(
        columns.map((name, c) => {
          let best: number | undefined;
          let bestCount = 0;
          for (const [value, n] of counts[c]!) if (n > bestCount || (n === bestCount && value < best!)) [best, bestCount] = [value, n];
          if (best === undefined) throw inputError('NO_VALUES', 'fillNulls: column has no non-null value to take the most frequent of', { column: name });
          return [name, best];
        }),
      ),
  };
}
