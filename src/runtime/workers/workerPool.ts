import { Piscina } from 'piscina';
import type { ResourceLimits } from 'node:worker_threads';
import { FlowError } from '../../errors.js';
import type { ChunkInput, ChunkOutput, ChunkPass } from '../chunkJob.js';
import { unpackBatch } from './batchTransfer.js';
import type { JobSpec, WorkerReply, WorkerTask } from './protocol.js';

const ENTRY = new URL('./entry.mjs', import.meta.url).href;

export interface PoolOptions {
  readonly threads: number;
  /** The worker module: a bundle from workerBundle.ts, or (default) the TypeScript entry run through tsx. */
  readonly filename?: string;
  readonly resourceLimits?: ResourceLimits;
}

/**
 * piscina worker threads that parse chunks and run the stateless chain. Each chunk's
 * bytes are moved to the worker (the sender's buffer is detached: zero-copy), and
 * results come back as transferred buffers.
 */
export class ChunkWorkerPool {
  private readonly pool: Piscina;
  private closed = false;

  constructor(readonly options: PoolOptions) {
    this.pool = new Piscina({
      filename: options.filename ?? ENTRY,
      minThreads: options.threads,
      maxThreads: options.threads,
      idleTimeout: 60_000,
      resourceLimits: { maxYoungGenerationSizeMb: 8, ...options.resourceLimits },
    });
  }

  get threads(): number {
    return this.options.threads;
  }

  async run(jobId: string, job: JobSpec, pass: ChunkPass, chunk: ChunkInput, signal?: AbortSignal): Promise<ChunkOutput> {
    // CSV bytes are moved (the sender's buffer is detached); a Parquet row group is a reference the worker reads itself.
    const input: ChunkInput = chunk.kind === 'parquet' ? chunk : { bytes: chunk.bytes, firstLine: chunk.firstLine, records: chunk.records };
    const task: WorkerTask = { jobId, job, pass, chunk: input };
    const transfer = input.kind === 'parquet' ? [] : [input.bytes.buffer];
    const movable = Piscina.move({ [Piscina.transferableSymbol]: transfer, [Piscina.valueSymbol]: task } as never);
    let reply: WorkerReply;
    try {
      reply = (await this.pool.run(movable, signal ? { signal } : {})) as WorkerReply;
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw workerFailure(error);
    }
    switch (reply.kind) {
      case 'error': {
        const e = new FlowError(reply.error.category, reply.error.code, reply.error.message, reply.error.location);
        if (reply.error.stack) e.stack = reply.error.stack;
        throw e;
      }
      case 'batches':
        return { ...reply, batches: reply.batches.map(unpackBatch) };
      case 'predict':
        return { ...reply, kept: reply.kept.map(unpackBatch) };
      default:
        return reply;
    }
  }

  /** Terminates the workers at once (used on success, error and interrupt alike). */
  async destroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.destroy();
  }
}

function workerFailure(error: unknown): FlowError {
  const message = (error as Error)?.message ?? String(error);
  const outOfMemory = /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(message) || (error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY';
  return new FlowError(
    'resources',
    outOfMemory ? 'WORKER_OUT_OF_MEMORY' : 'WORKER_FAILED',
    outOfMemory
      ? `a worker thread ran out of memory (${message}); lower the batch size (csv(..., { batchSize })) or use fewer workers`
      : `a worker thread failed: ${message}`,
  );
}
