import type { RecordBatch, Schema } from 'apache-arrow';
import { withFloat64Fields } from './columnKernels.js';
import { requireNumeric } from './schemaChecks.js';
import type { StatefulStage, StatelessStage } from './stage.js';

/** What a column-wise operator does to its columns' types: rewrites them as Float64, or only reads them (row filters). */
export type ColumnOutput = 'float64' | 'unchanged';

/**
 * The schema side of an operator over numeric columns: it needs them to be numeric (any
 * integer, float, decimal, date or timestamp type), writes them back as Float64 unless it
 * only reads them, and needs them on top of whatever is needed downstream.
 */
export function numericInPlace(name: string, columns: readonly string[], output: ColumnOutput = 'float64'): Pick<StatelessStage, 'outputSchema' | 'inputColumns'> {
  return {
    outputSchema(input: Schema) {
      requireNumeric(input, columns, name);
      return output === 'float64' ? withFloat64Fields(input, columns) : input;
    },
    inputColumns: (needed) => new Set([...needed, ...columns]),
  };
}

/** The transform of a fitted column-wise stage, as a stateless stage. */
export function fittedInPlace(name: string, description: string, columns: readonly string[], apply: (batch: RecordBatch) => RecordBatch, output: ColumnOutput = 'float64'): StatelessStage {
  return {
    type: 'stateless',
    name,
    description: `${description} [fitted]`,
    outputSchema: (input) => (output === 'float64' ? withFloat64Fields(input, columns) : input),
    inputColumns: (needed) => new Set([...needed, ...columns]),
    apply,
  };
}

/** What a fitted column-wise operator does with the columns it was fitted on. */
export type FittedEffect = 'rewrites columns' | 'drops rows';

/**
 * The plan-facing half of a fitted operator over numeric columns: it is fitted on
 * `columns`, and either rewrites them in place as Float64 or only drops rows. The planner
 * reads `modifies` to order fit passes, so every such operator declares it the same way.
 */
export function fittedOverColumns(
  name: string,
  description: string,
  columns: readonly string[],
  effect: FittedEffect = 'rewrites columns',
): Pick<StatefulStage, 'type' | 'name' | 'description' | 'fitColumns' | 'modifies' | 'outputSchema' | 'inputColumns'> {
  const dropsRows = effect === 'drops rows';
  return {
    type: 'stateful',
    name,
    description,
    fitColumns: columns,
    modifies: dropsRows ? { columns: [], rows: true } : { columns, rows: false },
    ...numericInPlace(name, columns, dropsRows ? 'unchanged' : 'float64'),
  };
}
