import * as tf from '@tensorflow/tfjs';
import type { Argv } from 'yargs';
import { join } from 'node:path';
import { usageError } from '../../errors.js';
import { float64Data } from '../../io/arrow/columns.js';
import type { BatchSink } from '../../io/sinks/batchSink.js';
import { sinkForPath } from '../../io/sinks/sinkForPath.js';
import { withColumns } from '../../operators/columnKernels.js';
import { loadFitted } from '../../plan/fittedState.js';
import { loadPipelineDescription, requireSamePipeline } from '../../plan/pipelineDescription.js';
import { emptyCounts } from '../../runtime/progress.js';
import { transformChunks } from '../../runtime/transform.js';
import { BACKEND_CHOICES, selectBackend, type BackendChoice } from '../../train/backend.js';
import { loadModel } from '../../train/modelFiles.js';
import { accountingSummary } from '../accounting.js';
import { closeSession, openSession, peakRssBytes, type CommandIO } from '../session.js';

export interface PredictArgs {
  readonly modelDir: string;
  readonly input: string;
  readonly out: string;
  readonly keep?: string;
  readonly backend: string;
}

export function predictOptions<T>(yargs: Argv<T>) {
  return yargs
    .positional('modelDir', { type: 'string', demandOption: true, describe: 'the output directory of `flow run`' })
    .option('input', { type: 'string', demandOption: true, describe: 'rows to score: the same columns as the training input (the label may be empty)' })
    .option('out', { type: 'string', demandOption: true, describe: 'predictions: .csv, .arrow/.feather, .arrows or .parquet' })
    .option('keep', { type: 'string', describe: 'input columns to copy beside each prediction, comma-separated (e.g. id)' })
    .option('backend', { type: 'string', choices: BACKEND_CHOICES, default: 'auto', describe: 'tfjs backend' });
}

/**
 * `flow predict`: applies the trained pipeline's preprocessing (same module, same fitted
 * state) and the model to new rows, streaming, and writes one prediction per row that
 * survives the pipeline, beside the chosen passthrough columns.
 */
export async function predictCommand(args: PredictArgs, io: CommandIO): Promise<Record<string, unknown>> {
  const started = performance.now();
  const saved = await loadPipelineDescription(join(args.modelDir, 'pipeline.json'));
  const { source, plan, runtime } = await openSession(saved.pipelineFile, args.input, {}, io);
  let sink: BatchSink | undefined;
  try {
    requireSamePipeline(plan, saved);
    const keep = args.keep ? args.keep.split(',').map((c) => c.trim()).filter(Boolean) : [];
    const missing = keep.filter((c) => !source.schema.fields.some((f) => f.name === c));
    if (missing.length > 0) {
      throw usageError('UNKNOWN_COLUMN', `--keep: unknown column "${missing[0]}"; input columns: ${source.schema.fields.map((f) => f.name).join(', ')}`);
    }
    const states = await loadFitted(plan, join(args.modelDir, 'fitted.json'));
    const backend = await selectBackend(args.backend as BackendChoice);
    io.say(`flow: predicting on the tfjs "${backend.name}" backend (${backend.provider})`);
    const model = await loadModel(join(args.modelDir, 'model'));
    const width = plan.training!.features.length;
    const counts = emptyCounts();
    for await (const chunk of transformChunks(plan, source, states, { pass: { kind: 'predict', keep }, runtime, counts, signal: io.signal })) {
      if (chunk.kind !== 'predict') continue;
      for (const [i, x] of chunk.features.entries()) {
        const rows = x.length / width;
        const predictions = new Float64Array(rows);
        for (let start = 0; start < rows; start += 8192) {
          const n = Math.min(8192, rows - start);
          const p = tf.tidy(() => (model.predict(tf.tensor2d(x.subarray(start * width, (start + n) * width), [n, width])) as tf.Tensor).dataSync());
          predictions.set(p, start);
        }
        const batch = withColumns(chunk.kept[i]!, new Map([['prediction', float64Data(predictions)]]));
        sink ??= await sinkForPath(args.out, batch.schema);
        await sink.write(batch);
      }
      io.progress({ kind: 'pass', pass: 1, passes: 1, label: 'predict', rows: counts.rowsRead, bytes: counts.bytesRead, totalBytes: source.byteLength });
    }
    if (!sink) throw usageError('NO_ROWS', 'no row survived the pipeline, so there is nothing to predict');
    await sink.commit();
    io.say(`flow: wrote ${counts.rowsKept.toLocaleString('en-US')} predictions to ${args.out}`);
    return { command: 'predict', input: source.path, out: args.out, backend: backend.name, ...accountingSummary(plan, counts), seconds: (performance.now() - started) / 1000, peakRssBytes: peakRssBytes() };
  } catch (error) {
    await sink?.abort();
    throw error;
  } finally {
    await closeSession({ source, runtime });
  }
}
