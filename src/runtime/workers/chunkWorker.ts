import { Field, Float64, Schema, Utf8, tableFromIPC } from 'apache-arrow';
import { Piscina } from 'piscina';
import { loadPipeline, pipelineFromModule } from '../../plan/loadPipeline.js';
import { FlowError } from '../../errors.js';
import type { StatefulStage } from '../../operators/stage.js';
import { buildPlan } from '../../plan/plan.js';
import { ChunkJob } from '../chunkJob.js';
import { packBatch, transferablesOf } from './batchTransfer.js';
import type { JobSpec, SerializedError, WorkerReply, WorkerTask } from './protocol.js';

/** Compiled jobs by id: a worker imports the pipeline module and builds the plan once per job. */
const jobs = new Map<string, Promise<ChunkJob>>();

/** The pipeline module bundled with this handler (see workerBundle.ts); otherwise it is imported. */
let bundledPipeline: Record<string, unknown> | undefined;

export function usePipelineModule(module: Record<string, unknown>): void {
  bundledPipeline = module;
}

async function compile(spec: JobSpec): Promise<ChunkJob> {
  const loaded = bundledPipeline ? pipelineFromModule(bundledPipeline, spec.pipelineFile) : await loadPipeline(spec.pipelineFile);
  const pipeline = spec.input === undefined ? loaded : loaded.withInput(spec.input);
  const plan = buildPlan(pipeline, sourceSchema(spec.read), spec.overrides);
  const states = new Map<number, unknown>();
  for (const { index, state } of spec.states) states.set(index, (plan.stages[index]!.stage as StatefulStage).stateFromJSON(state));
  return new ChunkJob(plan, spec.read, states);
}

/** The source schema the main thread planned with. */
function sourceSchema(read: JobSpec['read']): Schema {
  if (read.kind === 'parquet') return tableFromIPC(read.schema).schema;
  return new Schema(read.parse.columnNames.map((name, i) => new Field(name, read.parse.columnTypes[i] === 'float64' ? new Float64() : new Utf8(), true)));
}

/** The piscina task handler: one chunk in (its bytes moved, not copied), one reply out. */
export default async function processTask(task: WorkerTask): Promise<unknown> {
  let reply: WorkerReply;
  try {
    let job = jobs.get(task.jobId);
    if (!job) {
      for (const old of jobs.values()) void old.then((j) => j.close(), () => undefined);
      jobs.clear(); // one job at a time: the previous pass is finished
      job = compile(task.job);
      jobs.set(task.jobId, job);
    }
    const out = await (await job).run(task.pass, task.chunk);
    reply =
      out.kind === 'batches'
        ? { ...out, batches: out.batches.map(packBatch) }
        : out.kind === 'predict'
          ? { ...out, kept: out.kept.map(packBatch) }
          : out;
  } catch (error) {
    reply = { kind: 'error', error: serialize(error) };
  }
  return Piscina.move({ [Piscina.transferableSymbol]: transferablesOf(reply), [Piscina.valueSymbol]: reply } as never);
}

function serialize(error: unknown): SerializedError {
  if (error instanceof FlowError) {
    return { category: error.category, code: error.code, message: error.message, location: error.location, ...(error.stack ? { stack: error.stack } : {}) };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { category: 'internal', code: 'WORKER_ERROR', message: e.message, location: {}, ...(e.stack ? { stack: e.stack } : {}) };
}
