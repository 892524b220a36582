import { afterAll, describe, expect, it } from 'vitest';
import { FlowError } from '../../../src/errors.js';
import type { CsvChunk } from '../../../src/io/csv/recordSplitter.js';
import { loadPipeline } from '../../../src/plan/loadPipeline.js';
import { buildPlan } from '../../../src/plan/plan.js';
import { executorFor } from '../../../src/runtime/executor.js';
import { OpenSource } from '../../../src/runtime/source.js';
import { ChunkWorkerPool } from '../../../src/runtime/workers/workerPool.js';
import { pipelineSource } from '../../helpers/runFlow.js';
import { tempDirectory, writeTemp } from '../../helpers/tempFiles.js';

const dir = tempDirectory();
const pool = new ChunkWorkerPool({ threads: 2 });
afterAll(() => pool.destroy());

async function setUp(body: string, csvText: string, batchSize = 2, workers = pool) {
  const data = writeTemp(dir, csvText);
  const file = writeTemp(dir, pipelineSource(body.replace('DATA', data).replace('BATCH', String(batchSize))), `p${Math.random().toString(36).slice(2)}.ts`);
  const pipeline = await loadPipeline(file);
  const source = await OpenSource.open(pipeline.source);
  const plan = buildPlan(pipeline, source.schema);
  const executor = executorFor({ pool: workers, pipelineFile: file, input: undefined, overrides: {} }, plan, source, new Map(), plan.stages.length);
  const chunks: CsvChunk[] = [];
  for await (const chunk of source.chunks()) chunks.push(chunk);
  return { source, executor, chunks };
}

describe('worker pool', () => {
  it('moves chunk bytes to the worker without copying: the sender buffer is detached', async () => {
    const { executor, chunks, source } = await setUp(`export default pipeline(csv('DATA', { batchSize: BATCH })).pipe(dropNulls(['a']));`, 'a,b\n1,x\n,y\n3,z\n');
    expect(executor.where).toBe('workers');
    const chunk = chunks[0]!;
    expect(chunk.bytes.byteLength).toBeGreaterThan(0);
    const out = await executor.run({ kind: 'batches' }, chunk);
    expect(chunk.bytes.byteLength).toBe(0);
    expect(out.kind === 'batches' && out.batches[0]!.numRows).toBe(1);
    await source.close();
  });

  it('a bad row inside a worker fails with the file line number', async () => {
    const { executor, chunks, source } = await setUp(
      `export default pipeline(csv('DATA', { batchSize: BATCH, inferRows: 1 })).pipe(dropNulls(['a']));`,
      'a,b\n1,x\n2,y\n3,z\nnope,w\n',
    );
    const results = await Promise.allSettled(chunks.map((c) => executor.run({ kind: 'batches' }, c)));
    const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(FlowError);
    expect((failure.reason as FlowError).message).toMatch(/:5, column "a": "nope" is not a number/);
    await source.close();
  });

  it('a worker that throws an unexpected error is reported, not hung', async () => {
    const { executor, chunks, source } = await setUp(
      `import { map } from 'rxjs';\nexport default pipeline(csv('DATA', { batchSize: BATCH })).pipe(map(() => { throw new Error('operator exploded'); }));`,
      'a\n1\n2\n',
    );
    await expect(executor.run({ kind: 'batches' }, chunks[0]!)).rejects.toThrow(/operator exploded/);
    await source.close();
  });

  it('a worker that exits fails the task with a clear error', async () => {
    const exitPool = new ChunkWorkerPool({ threads: 1 });
    const { executor, chunks, source } = await setUp(
      `import { map } from 'rxjs';\nimport { isMainThread } from 'node:worker_threads';\nexport default pipeline(csv('DATA', { batchSize: BATCH })).pipe(map((b) => { if (!isMainThread) process.exit(3); return b; }));`,
      'a\n1\n2\n',
      2,
      exitPool,
    );
    const error = await executor.run({ kind: 'batches' }, chunks[0]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect((error as FlowError).code).toBe('WORKER_FAILED');
    await exitPool.destroy();
    await source.close();
  });

  it('a worker that runs out of memory fails with a resources error', async () => {
    const smallPool = new ChunkWorkerPool({ threads: 1, resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    const { executor, chunks, source } = await setUp(
      `import { map } from 'rxjs';\nimport { isMainThread } from 'node:worker_threads';\nconst hoard: number[][] = [];\nexport default pipeline(csv('DATA', { batchSize: BATCH })).pipe(map((b) => { if (!isMainThread) for (;;) hoard.push(new Array(100000).fill(1)); return b; }));`,
      'a\n1\n2\n',
      2,
      smallPool,
    );
    const error = await executor.run({ kind: 'batches' }, chunks[0]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowError);
    expect((error as FlowError).category).toBe('resources');
    await smallPool.destroy();
    await source.close();
  });
});
