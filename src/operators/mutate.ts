import type { RecordBatch } from 'apache-arrow';
import { planError } from '../errors.js';
import { float64Data } from '../io/arrow/columns.js';
import { valuesWithNaN, withColumns, withFloat64Fields } from './columnKernels.js';
import { statelessOperator } from './flowOperator.js';
import { requireNumeric } from './schemaChecks.js';
import type { FlowOperator } from './stage.js';

/** Computes a derived column from whole input columns (nulls read as NaN; NaN results are kept). */
export interface Derivation {
  readonly from: readonly string[];
  readonly compute: (columns: Readonly<Record<string, Float64Array>>, rows: number) => Float64Array;
}

/** The kernel: adds or replaces each derived Float64 column. */
export function mutateBatch(batch: RecordBatch, derivations: Readonly<Record<string, Derivation>>): RecordBatch {
  const out = new Map(
    Object.entries(derivations).map(([name, { from, compute }]) => {
      const inputs = Object.fromEntries(from.map((column) => [column, valuesWithNaN(batch, column)]));
      const values = compute(inputs, batch.numRows);
      if (!(values instanceof Float64Array) || values.length !== batch.numRows) {
        throw planError('BAD_MUTATE', `mutate: "${name}" must return a Float64Array of ${batch.numRows} values`);
      }
      return [name, float64Data(values)] as const;
    }),
  );
  return withColumns(batch, out);
}

/**
 * Adds (or replaces) Float64 columns computed from whole columns, naming the inputs so that
 * the planner reads only what is needed.
 *
 * @example
 * mutate({ ratio: { from: ['debt', 'income'], compute: ({ debt, income }, n) => Float64Array.from({ length: n }, (_, i) => debt[i]! / income[i]!) } })
 */
export function mutate(derivations: Readonly<Record<string, Derivation>>): FlowOperator {
  const names = Object.keys(derivations);
  const sources = [...new Set(Object.values(derivations).flatMap((d) => d.from))];
  return statelessOperator({
    type: 'stateless',
    name: 'mutate',
    description: `mutate(${names.join(', ')})`,
    outputSchema(input) {
      requireNumeric(input, sources, 'mutate');
      return withFloat64Fields(input, names);
    },
    inputColumns: (needed) => new Set([...[...needed].filter((n) => !names.includes(n)), ...sources]),
    apply: (batch) => mutateBatch(batch, derivations),
  });
}
