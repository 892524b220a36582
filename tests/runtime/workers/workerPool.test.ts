import { afterAll, describe, expect, it } from 'vitest';
import { FlowError } from '../../../src/errors.js';
import type { CsvChunk } from '../../../src/io/csv/recordSplitter.js';
import { loadPipeline } from '../../../src/plan/loadPipeline.js';
import { buildPlan } from '../../../src/plan/plan.js';
import { executorFor } from '../../../src/runtime/executor.js';
import { openSource } from '../../../src/runtime/source.js';
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
  const source = await openSource(pipeline.source);
  const plan = buildPlan(pipeline, source.schema);
  const executor = executorFor({ pool: workers, pipelineFile: file, input: undefined, overrides: {} }, plan, source, new Map(), plan.stages.length);
  const chunks: CsvChunk[] = [];
  for await (const chunk of source.chunks()) chunks.push(chunk as CsvChunk);
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

describe('worker count does not change results', () => {
  it('random CSV documents parse to the same batches inline and in workers', async () => {
    const fc = (await import('fast-check')).default;
    const { columnsOf } = await import('../../helpers/batches.js');
    const { INLINE } = await import('../../../src/runtime/executor.js');
    const pipelineFile = writeTemp(dir, pipelineSource(`export default pipeline(csv('unused.csv', { batchSize: 3 })).pipe(dropNulls());`), 'fuzz.pipeline.ts');
    const field = fc.oneof(fc.constantFrom('', '1', '-2.5', '1e3'), fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' '), maxLength: 5 }));
    const doc = fc.array(fc.tuple(field, field), { minLength: 1, maxLength: 12 }).map((rows) =>
      ['x,y', ...rows.map((row) => row.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(','))].join('\n'),
    );
    await fc.assert(
      fc.asyncProperty(doc, async (text) => {
        const data = writeTemp(dir, text);
        const pipeline = (await loadPipeline(pipelineFile)).withInput(data);
        const source = await openSource(pipeline.source);
        const plan = buildPlan(pipeline, source.schema);
        const results = [];
        for (const runtime of [INLINE, { pool, pipelineFile, input: data, overrides: {} }]) {
          const executor = executorFor(runtime, plan, source, new Map(), plan.stages.length);
          const out = [];
          for await (const chunk of source.chunks()) {
            const result = await executor.run({ kind: 'batches' }, chunk);
            if (result.kind === 'batches') out.push(...result.batches.map(columnsOf));
          }
          results.push(out);
        }
        await source.close();
        expect(results[1]).toEqual(results[0]);
      }),
      { numRuns: 25 },
    );
  });
});
