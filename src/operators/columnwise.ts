import type { RecordBatch, Schema } from 'apache-arrow';
import { requireFloat64 } from './schemaChecks.js';
import type { StatelessStage } from './stage.js';

/**
 * The schema side of an operator that rewrites numeric columns in place: it needs them to
 * be Float64, keeps the schema, and needs them on top of whatever is needed downstream.
 */
export function numericInPlace(name: string, columns: readonly string[]): Pick<StatelessStage, 'outputSchema' | 'inputColumns'> {
  return {
    outputSchema(input: Schema) {
      requireFloat64(input, columns, name);
      return input;
    },
    inputColumns: (needed) => new Set([...needed, ...columns]),
  };
}

/** The transform of a fitted column-wise stage, as a stateless stage. */
export function fittedInPlace(name: string, description: string, columns: readonly string[], apply: (batch: RecordBatch) => RecordBatch): StatelessStage {
  return {
    type: 'stateless',
    name,
    description: `${description} [fitted]`,
    outputSchema: (input) => input,
    inputColumns: (needed) => new Set([...needed, ...columns]),
    apply,
  };
}
