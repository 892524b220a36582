import type { Argv } from 'yargs';
import { pipelineArguments } from '../pipelineArguments.js';
import { fitPipeline } from '../../runtime/fit.js';
import { fittedToJSON, saveFitted } from '../../plan/fittedState.js';
import { accountingSummary } from '../accounting.js';
import { closeSession, openSession, peakRssBytes, type CommandIO } from '../session.js';

export interface FitArgs {
  readonly pipeline: string;
  readonly input?: string;
  readonly out: string;
}

export function fitOptions<T>(yargs: Argv<T>) {
  return pipelineArguments(yargs)
    .option('out', { type: 'string', demandOption: true, describe: 'where to write the fitted-state JSON' });
}

/** `flow fit`: pass 1 only; writes the fitted state of every stateful stage as JSON. */
export async function fitCommand(args: FitArgs, io: CommandIO): Promise<Record<string, unknown>> {
  const started = performance.now();
  const { source, plan, runtime } = await openSession(args.pipeline, args.input, {}, io);
  try {
    const { states, counts } = await fitPipeline(plan, source, { runtime, progress: io.progress, signal: io.signal });
    const file = fittedToJSON(plan, states, source.path, counts.rowsKept);
    await saveFitted(args.out, file);
    io.say(`flow: wrote fitted state of ${file.stages.length} stage(s) to ${args.out}`);
    return {
      command: 'fit',
      input: source.path,
      out: args.out,
      ...accountingSummary(plan, counts),
      passes: plan.fitPasses.length,
      fitted: file.stages,
      seconds: (performance.now() - started) / 1000,
      peakRssBytes: peakRssBytes(),
    };
  } finally {
    await closeSession({ source, runtime });
  }
}
