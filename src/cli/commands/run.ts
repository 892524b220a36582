import type { Argv } from 'yargs';
import { pipelineArguments } from '../pipelineArguments.js';
import { join } from 'node:path';
import { ensureDirectory } from '../../io/sinks/atomicFile.js';
import { fittedToJSON, loadFitted, saveFitted } from '../../plan/fittedState.js';
import { describePipeline, savePipelineDescription } from '../../plan/pipelineDescription.js';
import { usageError } from '../../errors.js';
import { fitPipeline } from '../../runtime/fit.js';
import type { ChunkRef } from '../../runtime/source.js';
import { BACKEND_CHOICES, selectBackend, type BackendChoice } from '../../train/backend.js';
import { saveModel } from '../../train/modelFiles.js';
import { trainPipeline } from '../../train/trainPipeline.js';
import { accountingSummary } from '../accounting.js';
import { closeSession, openSession, peakRssBytes, type CommandIO } from '../session.js';

export interface RunArgs {
  readonly pipeline: string;
  readonly input?: string;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly backend: string;
  readonly out: string;
  readonly fitted?: string;
  readonly workers?: number;
}

export function runOptions<T>(yargs: Argv<T>) {
  return pipelineArguments(yargs)
    .option('epochs', { type: 'number', describe: 'training epochs (overrides the pipeline)' })
    .option('batch-size', { type: 'number', describe: 'minibatch rows (overrides the pipeline)' })
    .option('seed', { type: 'number', describe: 'seed for shuffling, the holdout split and weight initialisation' })
    .option('backend', { type: 'string', choices: BACKEND_CHOICES, default: 'auto', describe: 'tfjs backend; auto tries tfjs-node-gpu, tfjs-node, wasm, then cpu' })
    .option('out', { type: 'string', default: 'out', describe: 'output directory for the model and fitted state' })
    .option('fitted', { type: 'string', describe: 'reuse fitted state from `flow fit` and skip pass 1' });
}

/** `flow run`: fit (pass 1), then transform and train (pass 2 and the epochs), then save. */
export async function runCommand(args: RunArgs, io: CommandIO): Promise<Record<string, unknown>> {
  const started = performance.now();
  const overrides = {
    ...(args.epochs !== undefined ? { epochs: args.epochs } : {}),
    ...(args.batchSize !== undefined ? { batchSize: args.batchSize } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
  };
  const { source, plan, runtime } = await openSession(args.pipeline, args.input, overrides, io);
  try {
    if (!plan.training) throw usageError('NO_TRAINING', `${args.pipeline} has no .train(...) step; use \`flow transform\` to write its output`);
    const backend = await selectBackend(args.backend as BackendChoice);
    for (const skipped of backend.skipped) io.say(`flow: backend skipped: ${skipped}`);
    io.say(`flow: training on the tfjs "${backend.name}" backend (${backend.provider})`);

    const extents: ChunkRef[] = [];
    const states = args.fitted
      ? await loadFitted(plan, args.fitted)
      : (await fitPipeline(plan, source, { runtime, progress: io.progress, signal: io.signal, extents })).states;
    const result = await trainPipeline({
      plan,
      source,
      states,
      runtime,
      ...(extents.length > 0 ? { extents } : {}),
      progress: io.progress,
      signal: io.signal,
    });

    await ensureDirectory(join(args.out, 'model'));
    const fittedPath = join(args.out, 'fitted.json');
    await saveFitted(fittedPath, fittedToJSON(plan, states, source.path, result.counts.rowsKept));
    await saveModel(result.model, join(args.out, 'model'));
    await savePipelineDescription(join(args.out, 'pipeline.json'), describePipeline(plan, args.pipeline));
    io.say(`flow: saved model to ${join(args.out, 'model')}, fitted state to ${fittedPath} and the pipeline description to ${join(args.out, 'pipeline.json')}`);
    const loopSeconds = result.waitSeconds + result.stepSeconds;
    return {
      command: 'run',
      pipeline: args.pipeline,
      input: source.path,
      backend: backend.name,
      backendProvider: backend.provider,
      workers: runtime.pool?.threads ?? 0,
      ...accountingSummary(plan, result.counts),
      trainRows: result.trainRows,
      validationRows: result.validationRows,
      epochs: result.epochs,
      stall: { waitSeconds: result.waitSeconds, stepSeconds: result.stepSeconds, share: loopSeconds > 0 ? result.waitSeconds / loopSeconds : 0 },
      out: args.out,
      seconds: (performance.now() - started) / 1000,
      peakRssBytes: peakRssBytes(),
    };
  } finally {
    await closeSession({ source, runtime });
  }
}
