// The public API of flow: a curated list, no `export *`.
export { csv, type CsvOptions, type CsvSourceSpec } from './io/csv/csvSource.js';
export type { CsvColumnType } from './io/csv/csvLayout.js';
export { pipeline, Pipeline, type BatchOperator, type SampleGenerator } from './plan/pipeline.js';
export { buildPlan, describePlan, type Plan } from './plan/plan.js';
export { dropNulls, dropNullsBatch } from './operators/dropNulls.js';
export { select, selectBatch } from './operators/select.js';
export { standardScale, standardScaleBatch, type StandardScaleState, type ColumnScaling } from './operators/standardScale.js';
export { filter, filterBatch, type RowPredicate } from './operators/filter.js';
export { fillNulls, fillNullsBatch, type FillNullsOptions } from './operators/fillNulls.js';
export { log1p, log1pBatch } from './operators/log1p.js';
export { minMaxScale, minMaxScaleBatch, type MinMaxState } from './operators/minMaxScale.js';
export { mutate, mutateBatch, type Derivation } from './operators/mutate.js';
export { rename, renameBatch } from './operators/rename.js';
export { onMainThread } from './operators/onMainThread.js';
export type { FlowOperator, Stage } from './operators/stage.js';
export type { TrainOptions, ModelFactory } from './train/trainOptions.js';
export { writeBinaryDataset } from './gen/binaryDataset.js';
export { FlowError, type ErrorCategory } from './errors.js';
