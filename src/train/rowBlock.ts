import type { Data, RecordBatch } from 'apache-arrow';
import { asFloat64Values, isNumericType } from '../io/arrow/numeric.js';
import { inputError, internalError } from '../errors.js';
import type { TrainTask } from './trainOptions.js';

/** Rows ready for training: row-major Float32 features and a Float32 label per row. */
export interface RowBlock {
  readonly rows: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
}

export interface RowBlockSpec {
  readonly features: readonly string[];
  readonly label: string;
  /** `binary` checks the label is 0/1; `regression` that it is finite. */
  readonly task: TrainTask;
  /** The source file, for messages. */
  readonly file: string;
}

/**
 * Copies feature columns into a row-major Float32 matrix and checks the label (0/1 for
 * binary, finite for regression). A null feature or label, or a bad label, is an input error.
 */
export function toRowBlock(batch: RecordBatch, spec: RowBlockSpec): RowBlock {
  const rows = batch.numRows;
  const x = featureMatrix(batch, spec.features, spec.file);
  const y = new Float32Array(rows);
  const labels = numericColumn(batch, spec.label);
  if (labels.data.nullCount > 0) {
    throw inputError('NULL_LABEL', `label has ${labels.data.nullCount} null value(s); add dropNulls(['${spec.label}'])`, { file: spec.file, column: spec.label });
  }
  const values = labels.values;
  for (let r = 0; r < rows; r++) {
    const v = values[r]!;
    if (spec.task === 'binary' ? v !== 0 && v !== 1 : !Number.isFinite(v)) {
      const expected = spec.task === 'binary' ? 'is not 0 or 1 (binary classification expects 0/1 labels)' : 'is not a finite number (regression)';
      throw inputError('BAD_LABEL', `label value ${v} ${expected}`, { file: spec.file, column: spec.label });
    }
    y[r] = v;
  }
  return { rows, x, y };
}

/** The features as a row-major Float32 matrix; a null feature is an input error. */
export function featureMatrix(batch: RecordBatch, features: readonly string[], file: string): Float32Array {
  const rows = batch.numRows;
  const width = features.length;
  const x = new Float32Array(rows * width);
  features.forEach((name, f) => {
    const { data, values } = numericColumn(batch, name);
    if (data.nullCount > 0) {
      throw inputError('NULL_FEATURE', `feature column has ${data.nullCount} null value(s); add dropNulls([...]) or fillNulls(...) before training`, { file, column: name });
    }
    for (let r = 0, at = f; r < rows; r++, at += width) x[at] = values[r]!;
  });
  return x;
}

function numericColumn(batch: RecordBatch, name: string): { data: Data; values: Float64Array } {
  const index = batch.schema.fields.findIndex((f) => f.name === name);
  const data = batch.data.children[index];
  if (!data || !isNumericType(data.type)) throw internalError(`column ${name} missing or not numeric at training time`);
  return { data, values: asFloat64Values(data) };
}
