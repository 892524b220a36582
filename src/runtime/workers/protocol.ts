import type { ErrorCategory, ErrorLocation } from '../../errors.js';
import type { PlanOverrides } from '../../plan/plan.js';
import type { ChunkAccounting, ChunkInput, ChunkOutput, ChunkPass, SourceRead } from '../chunkJob.js';
import type { PackedBatch } from './batchTransfer.js';

/** Everything a worker needs to rebuild the main thread's plan: plain, cloneable data. */
export interface JobSpec {
  /** Absolute path of the pipeline module; the worker imports the same file. */
  readonly pipelineFile: string;
  readonly input: string | undefined;
  readonly overrides: PlanOverrides;
  readonly read: SourceRead;
  /** Fitted states so far, in their JSON form, by stage index. */
  readonly states: readonly { readonly index: number; readonly state: unknown }[];
}

export interface WorkerTask {
  /** Identifies the job so a worker compiles each plan once. */
  readonly jobId: string;
  readonly job: JobSpec;
  readonly pass: ChunkPass;
  readonly chunk: ChunkInput;
}

export interface SerializedError {
  readonly category: ErrorCategory;
  readonly code: string;
  readonly message: string;
  readonly location: ErrorLocation;
  readonly stack?: string;
}

/** A worker's reply; batches travel as their buffers, transferred, never copied. */
export type WorkerReply =
  | Exclude<ChunkOutput, { kind: 'batches' | 'predict' }>
  | (ChunkAccounting & { readonly kind: 'batches'; readonly batches: PackedBatch[] })
  | (ChunkAccounting & { readonly kind: 'predict'; readonly features: Float32Array[]; readonly kept: PackedBatch[] })
  | { readonly kind: 'error'; readonly error: SerializedError };
