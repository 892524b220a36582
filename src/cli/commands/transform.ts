import type { Argv } from 'yargs';
import { pipelineArguments } from '../pipelineArguments.js';
import type { BatchSink } from '../../io/sinks/batchSink.js';
import { PARQUET_CODECS, type ParquetCompression } from '../../io/sinks/parquetSink.js';
import { sinkForPath } from '../../io/sinks/sinkForPath.js';
import { loadFitted } from '../../plan/fittedState.js';
import { fitPipeline } from '../../runtime/fit.js';
import { emptyCounts } from '../../runtime/progress.js';
import { transformChunks } from '../../runtime/transform.js';
import { accountingSummary } from '../accounting.js';
import { closeSession, openSession, peakRssBytes, type CommandIO } from '../session.js';

export interface TransformArgs {
  readonly pipeline: string;
  readonly input?: string;
  readonly out: string;
  readonly fitted?: string;
  readonly compression?: ParquetCompression;
}

export function transformOptions<T>(yargs: Argv<T>) {
  return pipelineArguments(yargs)
    .option('out', { type: 'string', demandOption: true, describe: 'output file: .csv, .arrow/.feather (Arrow IPC file), .arrows (IPC stream) or .parquet' })
    .option('compression', { choices: PARQUET_CODECS, describe: 'Parquet output codec (default zstd)' })
    .option('fitted', { type: 'string', describe: 'reuse fitted state from `flow fit` instead of running pass 1' });
}

/** `flow transform`: fits (or loads fitted state), then writes every transformed row, atomically. */
export async function transformCommand(args: TransformArgs, io: CommandIO): Promise<Record<string, unknown>> {
  const started = performance.now();
  const { source, plan, runtime } = await openSession(args.pipeline, args.input, {}, io);
  const sinkOptions = args.compression ? { parquet: { compression: args.compression } } : {};
  let sink: BatchSink | undefined;
  try {
    const states = args.fitted
      ? await loadFitted(plan, args.fitted)
      : (await fitPipeline(plan, source, { runtime, progress: io.progress, signal: io.signal })).states;
    const counts = emptyCounts();
    for await (const chunk of transformChunks(plan, source, states, { pass: { kind: 'batches' }, runtime, counts, signal: io.signal })) {
      if (chunk.kind !== 'batches') continue;
      for (const batch of chunk.batches) {
        sink ??= await sinkForPath(args.out, plan.outputSchema ?? batch.schema, sinkOptions);
        await sink.write(batch);
      }
      io.progress({ kind: 'pass', pass: plan.fitPasses.length + 1, passes: plan.fitPasses.length + 1, label: 'transform', rows: counts.rowsRead, bytes: counts.bytesRead, totalBytes: source.byteLength });
    }
    sink ??= await sinkForPath(args.out, plan.outputSchema ?? source.schema, sinkOptions);
    await sink.commit();
    io.say(`flow: wrote ${counts.rowsKept.toLocaleString('en-US')} rows to ${args.out}`);
    return {
      command: 'transform',
      input: source.path,
      out: args.out,
      ...accountingSummary(plan, counts),
      seconds: (performance.now() - started) / 1000,
      peakRssBytes: peakRssBytes(),
    };
  } catch (error) {
    await sink?.abort();
    throw error;
  } finally {
    await closeSession({ source, runtime });
  }
}
