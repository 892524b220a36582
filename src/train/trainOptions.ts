import type * as tf from '@tensorflow/tfjs';

/** Builds the model for `inputs` features; it may be compiled already, or flow compiles it. */
export type ModelFactory = (context: { inputs: number; seed: number }) => tf.LayersModel;

/** The training step of a pipeline. Defaults follow the classic binary MLP recipe. */
/** Binary classification (0/1 label, sigmoid output, cross-entropy) or regression (any number, MSE). */
export type TrainTask = 'binary' | 'regression';

export interface TrainOptions {
  /** The label column: 0/1 for `binary`, any finite number for `regression`. */
  readonly label: string;
  /** Default `binary`. */
  readonly task?: TrainTask;
  /** Feature columns (default: every Float64 output column except the label). */
  readonly features?: readonly string[];
  /** Replaces the default Dense 64 relu → Dense 32 relu → Dense 1 sigmoid model. */
  readonly model?: ModelFactory;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  /** Share of rows held out for validation, chosen by a hash of the row's line (default 0.1). */
  readonly validationFraction?: number;
  /** Rows held in the shuffle buffer (default 65,536). */
  readonly shuffleBufferRows?: number;
  readonly seed?: number;
  /** Cache transformed rows on disk during epoch 1 and read the cache after (default true). */
  readonly cache?: boolean;
}

export interface ResolvedTrainOptions {
  readonly task: TrainTask;
  readonly label: string;
  readonly features: readonly string[];
  readonly model: ModelFactory | undefined;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly validationFraction: number;
  readonly shuffleBufferRows: number;
  readonly seed: number;
  readonly cache: boolean;
}
