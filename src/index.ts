// The public API of flow: a curated list, no `export *`.
export { csv, type CsvOptions, type CsvSourceSpec } from './io/csv/csvSource.js';
export type { CsvColumnType } from './io/csv/csvLayout.js';
export { pipeline, Pipeline, type BatchOperator, type SampleGenerator } from './plan/pipeline.js';
export { buildPlan, describePlan, type Plan } from './plan/plan.js';
export { dropNulls, dropNullsBatch } from './operators/dropNulls.js';
export { select, selectBatch } from './operators/select.js';
export { standardScale, standardScaleBatch, type StandardScaleState, type ColumnScaling } from './operators/standardScale.js';
export type { FlowOperator, Stage } from './operators/stage.js';
export type { TrainOptions, ModelFactory } from './train/trainOptions.js';
export { writeBinaryDataset } from './gen/binaryDataset.js';
export { FlowError, type ErrorCategory } from './errors.js';
